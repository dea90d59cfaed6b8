package life.suoke.ops.backend.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status changes of an incident record, each in one transaction under the incident's row lock,
 * with its SLA clocks: triage starts them, acknowledgement stops the response clock, resolution the
 * handling clock, reopening lets the handling clock run on, cancellation stops them all.
 *
 * <p>Every change is idempotent: asked again (a retried job, or the process's status job after the
 * API already recorded the same), it changes nothing and answers empty. A change that took effect
 * answers the incident after it and is announced on the live stream; the caller audits it.
 */
@Component
class IncidentLifecycle {

  private final IncidentStore store;
  private final SlaClocks clocks;
  private final TransactionTemplate tx;
  private final IncidentEvents events;
  private final org.springframework.context.ApplicationEventPublisher publisher;

  IncidentLifecycle(
      IncidentStore store,
      SlaClocks clocks,
      TransactionTemplate tx,
      IncidentEvents events,
      org.springframework.context.ApplicationEventPublisher publisher) {
    this.store = store;
    this.clocks = clocks;
    this.tx = tx;
    this.events = events;
    this.publisher = publisher;
  }

  /**
   * The priority decided (kept if one was set already), the clocks started from the creation,
   * status triaged.
   */
  Optional<Incident> triaged(String number, String priority) {
    return classify(number, priority, true);
  }

  /**
   * The priority decided (kept if one was set already) and the clocks started, the status left as
   * it is.
   */
  Optional<Incident> classified(String number, String priority) {
    return classify(number, priority, false);
  }

  private Optional<Incident> classify(String number, String priority, boolean markTriaged) {
    return changeRow(
        number,
        incident -> {
          Optional<Incident> after = Optional.empty();
          String effective = incident.priority();
          boolean triage = markTriaged && IncidentStatus.OPEN.equals(incident.status());
          if (effective == null) {
            effective = priority;
            after =
                store.updateReturning(
                    number,
                    triage ? "priority = ?, status = 'triaged'" : "priority = ?",
                    effective);
          } else if (triage) {
            after = store.updateReturning(number, "status = 'triaged'");
          }
          // clocks already started stay as they are (the insert leaves them); the clocks are not
          // in the incident's row, so a start alone leaves the row as it was locked
          if (!incident.finished()
              && clocks.start(incident, effective, incident.createdAt())
              && after.isEmpty()) {
            after = Optional.of(incident);
          }
          return after;
        });
  }

  /** Someone acknowledged: the response clock stops; the handler is recorded. */
  Optional<Incident> acknowledged(String number, String handler, Instant at) {
    return changeRow(
        number,
        incident -> {
          if (IncidentStatus.OPEN.equals(incident.status())
              || IncidentStatus.TRIAGED.equals(incident.status())) {
            Optional<Incident> after =
                store.updateReturning(
                    number,
                    "status = 'acknowledged', acknowledged_at = ?, handler = COALESCE(?, handler),"
                        + " handling_started_at = CASE WHEN COALESCE(?, handler) IS NULL THEN handling_started_at"
                        + " ELSE COALESCE(handling_started_at, ?::timestamptz) END",
                    Timestamp.from(at),
                    handler,
                    handler,
                    Timestamp.from(at));
            clocks.stop(number, SlaPolicy.RESPONSE, at);
            return after;
          }
          if (IncidentStatus.ACKNOWLEDGED.equals(incident.status())
              && incident.handler() == null
              && handler != null) {
            return store.updateReturning(
                number,
                "handler = ?, handling_started_at = COALESCE(handling_started_at, ?::timestamptz)",
                handler,
                Timestamp.from(at));
          }
          return Optional.empty();
        });
  }

  /** Resolved: both clocks stop; the resolution is recorded. */
  Optional<Incident> resolved(
      String number,
      String resolutionType,
      String resolutionSummary,
      boolean reviewRequested,
      Instant at) {
    return changeRow(
        number,
        incident -> {
          if (!incident.inProgress() && !IncidentStatus.OPEN.equals(incident.status())) {
            return Optional.empty();
          }
          Optional<Incident> after =
              store.updateReturning(
                  number,
                  "status = 'resolved', resolved_at = ?, resolution_type = COALESCE(?, resolution_type),"
                      + " resolution_summary = COALESCE(?, resolution_summary), review_requested = review_requested OR ?",
                  Timestamp.from(at),
                  resolutionType,
                  resolutionSummary,
                  reviewRequested);
          clocks.stop(number, SlaPolicy.RESPONSE, at);
          clocks.stop(number, SlaPolicy.HANDLING, at);
          return after;
        });
  }

  /**
   * The reporter reopened the resolution: handling goes on, its clock counting on from where it
   * stopped.
   */
  Optional<Incident> reopened(String number, Instant at) {
    return change(
        number,
        incident -> {
          if (!IncidentStatus.RESOLVED.equals(incident.status())) {
            return false;
          }
          String status =
              incident.acknowledgedAt() != null
                  ? IncidentStatus.ACKNOWLEDGED
                  : IncidentStatus.TRIAGED;
          store.update(number, "status = ?, resolved_at = NULL", status);
          clocks.reopenHandling(number, at);
          return true;
        });
  }

  /**
   * Closed (confirmed, closed by itself, or closed by the process otherwise); running clocks stop.
   */
  Optional<Incident> closed(String number, Instant at) {
    return changeRow(
        number,
        incident -> {
          if (incident.finished()) {
            return Optional.empty();
          }
          Optional<Incident> after =
              store.updateReturning(number, "status = 'closed', closed_at = ?", Timestamp.from(at));
          clocks.stop(number, SlaPolicy.RESPONSE, at);
          clocks.stop(number, SlaPolicy.HANDLING, at);
          return after;
        });
  }

  /** Cancelled (a duplicate, or not an incident): clocks stop, neither met nor breached. */
  Optional<Incident> cancelled(String number, String duplicateOf, Instant at) {
    return change(
        number,
        incident -> {
          if (incident.finished()) {
            return false;
          }
          store.update(
              number,
              "status = 'cancelled', closed_at = ?, duplicate_of = COALESCE(?, duplicate_of)",
              Timestamp.from(at),
              duplicateOf);
          clocks.cancel(number, at);
          return true;
        });
  }

  /** Runs a change under the row lock; the incident after it when it changed something. */
  Optional<Incident> change(String number, Function<Incident, Boolean> change) {
    return changeRow(
        number, incident -> change.apply(incident) ? store.find(number) : Optional.empty());
  }

  /**
   * Runs a change under the row lock that answers the incident's row after it (as its last update
   * of the row returned it), or empty when it changed nothing; that row, announced.
   */
  private Optional<Incident> changeRow(
      String number, Function<Incident, Optional<Incident>> change) {
    String[] before = new String[1];
    Optional<Incident> after =
        tx.execute(
            status -> {
              Incident incident = store.lock(number).orElseThrow(() -> new UnknownIncident(number));
              before[0] = incident.priority();
              return change.apply(incident);
            });
    after.ifPresent(events::publish);
    after
        .filter(i -> !i.finished() && i.priority() != null && !i.priority().equals(before[0]))
        .ifPresent(
            i ->
                publisher.publishEvent(
                    new IncidentPriorityEvent(i.number(), i.service(), before[0], i.priority())));
    after
        .filter(Incident::finished)
        .ifPresent(
            i ->
                publisher.publishEvent(
                    new IncidentFinishedEvent(i.number(), i.service(), i.priority(), i.status())));
    return after;
  }

  /** No incident has this number. */
  static final class UnknownIncident extends RuntimeException {
    UnknownIncident(String number) {
      super("There is no incident " + number + ".");
    }
  }
}
