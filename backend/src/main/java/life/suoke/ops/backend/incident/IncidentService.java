package life.suoke.ops.backend.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens incidents and takes in what their alert sources say. An incident is written first (status
 * open, a fresh number) and its {@code incident-management} instance started once that write is
 * committed: at once when the caller has no transaction; when it has one (an alert source's), by
 * the openers' threads after that transaction's commit, so that the caller's request gives its
 * connection back without waiting for the audit trail and the engine (at 50 alerts a second the
 * requests otherwise held every connection of the pool). If the start fails or the application dies
 * before it, the recovery ({@link IncidentInstances}) starts it later, so an incident is never
 * lost.
 *
 * <p>The service's class, tier groups, owner group (the manager group) and calendar come from the
 * service catalog; for a service it does not know: class {@code support}, groups {@code
 * tier1-oncall}/{@code tier2}/{@code tier3}, managers {@code suoke.incident.manager-group} ({@code
 * incident-managers}) and the default calendar.
 */
@Service
public class IncidentService implements IncidentIntake, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
  private static final int OPENERS = 4;
  private static final int OPENINGS_QUEUED = 10_000;

  static final int TITLE_MAX = 200;
  static final int DESCRIPTION_MAX = 10_000;
  static final int SERVICE_MAX = 100;
  static final String UNKNOWN_SERVICE = "unknown";
  static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  static final Set<String> SOURCES = Set.of("alert", "report", "heartbeat");
  static final Set<String> SERVICE_CLASSES = Set.of("core", "agent", "support");

  private final ServiceCatalog catalog;
  private final IncidentNumbers numbers;
  private final IncidentStore store;
  private final TransactionTemplate tx;
  private final IncidentInstances instances;
  private final IncidentAudit audit;
  private final IncidentEvents events;
  private final IncidentNotes notes;
  private final IncidentMessages messages;
  private final IncidentProperties properties;

  /**
   * Runs the openings committed by callers' transactions; when it is full, the caller runs its own.
   */
  private final ThreadPoolExecutor openers;

  IncidentService(
      ServiceCatalog catalog,
      IncidentNumbers numbers,
      IncidentStore store,
      TransactionTemplate tx,
      IncidentInstances instances,
      IncidentAudit audit,
      IncidentEvents events,
      IncidentNotes notes,
      IncidentMessages messages,
      IncidentProperties properties) {
    this.catalog = catalog;
    this.numbers = numbers;
    this.store = store;
    this.tx = tx;
    this.instances = instances;
    this.audit = audit;
    this.events = events;
    this.notes = notes;
    this.messages = messages;
    this.properties = properties;
    AtomicInteger threads = new AtomicInteger();
    this.openers =
        new ThreadPoolExecutor(
            OPENERS,
            OPENERS,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(OPENINGS_QUEUED),
            task -> {
              Thread thread =
                  new Thread(task, "suoke-incident-opener-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  // ---- opening

  @Override
  public String open(NewIncident incident) {
    validate(incident);
    Instant now = Instant.now();
    String service =
        incident.service() == null || incident.service().isBlank()
            ? UNKNOWN_SERVICE
            : incident.service().trim();
    ServiceCatalog.ServiceInfo info = catalog.find(service).orElse(null);
    Instant detected =
        incident.detectedAt() == null || incident.detectedAt().isAfter(now)
            ? now
            : incident.detectedAt();
    Incident recorded =
        tx.execute(
            status -> {
              String next = numbers.next(now);
              return store.insert(
                  new IncidentStore.NewRow(
                      next,
                      incident.title().trim(),
                      blankToNull(incident.description()),
                      service,
                      serviceClass(info),
                      incident.severity(),
                      incident.source(),
                      incident.reporter(),
                      incident.integration(),
                      incident.alertKey(),
                      incident.affectedUsers(),
                      incident.dataOrSafetyImpact(),
                      group(info == null ? null : info.tier1Group(), IncidentAccess.DEFAULT_TIER1),
                      group(info == null ? null : info.tier2Group(), IncidentAccess.DEFAULT_TIER2),
                      group(info == null ? null : info.tier3Group(), IncidentAccess.DEFAULT_TIER3),
                      group(info == null ? null : info.ownerGroup(), properties.managerGroup()),
                      group(info == null ? null : info.calendarId(), BusinessCalendars.DEFAULT),
                      detected,
                      now,
                      labels(incident.labels())));
            });
    String number = recorded.number();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              openers.execute(() -> opened(recorded));
            }
          });
    } else {
      opened(recorded);
    }
    return number;
  }

  /**
   * After the record's commit (the row as inserted): audited, announced, its instance started.
   * Never throws.
   */
  private void opened(Incident incident) {
    String number = incident.number();
    try {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("source", incident.source());
      details.put("service", incident.service());
      details.put("serviceClass", incident.serviceClass());
      details.put("severity", incident.severity());
      details.put("affectedUsers", incident.affectedUsers());
      details.put("dataOrSafetyImpact", incident.dataOrSafetyImpact());
      if (incident.integration() != null) {
        details.put("integration", incident.integration());
      }
      if (incident.alertKey() != null) {
        details.put("alertKey", incident.alertKey());
      }
      audit.record(opener(incident), IncidentAuditActions.OPEN, number, null, details);
      events.publish(incident);
    } catch (RuntimeException e) {
      log.warn(
          "Incident {} was recorded, but its opening was not audited: {}",
          number,
          e.getClass().getSimpleName());
    }
    instances.startQuietly(number);
  }

  /** Openings still queued at shutdown are left to the recovery of the next start. */
  @Override
  public void destroy() throws InterruptedException {
    openers.shutdown();
    openers.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static String opener(Incident incident) {
    if (incident.reporter() != null) {
      return incident.reporter();
    }
    return incident.integration() != null ? incident.integration() : IncidentAuditActions.SYSTEM;
  }

  private static String serviceClass(ServiceCatalog.ServiceInfo info) {
    return info != null
            && info.serviceClass() != null
            && SERVICE_CLASSES.contains(info.serviceClass())
        ? info.serviceClass()
        : "support";
  }

  private static String group(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Map<String, String> labels(Map<String, String> labels) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (labels != null) {
      labels.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
    }
    return copy;
  }

  /** Checks an incident to open; a problem naming every bad field. */
  static void validate(NewIncident incident) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (incident.title() == null || incident.title().isBlank()) {
      errors.add(new ApiProblem.FieldError("title", "is required"));
    } else if (incident.title().trim().length() > TITLE_MAX) {
      errors.add(
          new ApiProblem.FieldError("title", "must be at most " + TITLE_MAX + " characters"));
    }
    if (incident.description() != null && incident.description().length() > DESCRIPTION_MAX) {
      errors.add(
          new ApiProblem.FieldError(
              "description", "must be at most " + DESCRIPTION_MAX + " characters"));
    }
    if (incident.service() != null && incident.service().trim().length() > SERVICE_MAX) {
      errors.add(
          new ApiProblem.FieldError("service", "must be at most " + SERVICE_MAX + " characters"));
    }
    if (incident.severity() == null || !SEVERITIES.contains(incident.severity())) {
      errors.add(
          new ApiProblem.FieldError("severity", "must be one of critical, error, warning, info"));
    }
    if (incident.affectedUsers() < 0) {
      errors.add(new ApiProblem.FieldError("affectedUsers", "must not be negative"));
    }
    if (incident.source() == null || !SOURCES.contains(incident.source())) {
      errors.add(new ApiProblem.FieldError("source", "must be one of alert, report, heartbeat"));
    } else if ("report".equals(incident.source())
        && (incident.reporter() == null || incident.reporter().isBlank())) {
      errors.add(new ApiProblem.FieldError("reporter", "is required for a report"));
    }
    if (incident.integration() != null && incident.integration().length() > 100) {
      errors.add(new ApiProblem.FieldError("integration", "must be at most 100 characters"));
    }
    if (incident.alertKey() != null && incident.alertKey().length() > 500) {
      errors.add(new ApiProblem.FieldError("alertKey", "must be at most 500 characters"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  // ---- alert sources

  @Override
  public void alertActivity(String incidentNumber, String summary, Map<String, Object> details) {
    Incident incident = existing(incidentNumber);
    String actor = source(incident);
    Map<String, Object> audited = new LinkedHashMap<>();
    if (summary != null && !summary.isBlank()) {
      String text =
          summary.length() > IncidentNotes.MAX_LENGTH
              ? summary.substring(0, IncidentNotes.MAX_LENGTH)
              : summary;
      audited.put("noteId", notes.add(incidentNumber, actor, "note", text, Instant.now()));
    }
    if (details != null && !details.isEmpty()) {
      audited.put("alert", details);
    }
    audit.record(actor, IncidentAuditActions.ALERT_ACTIVITY, incident, audited);
    events.publish(incident);
  }

  @Override
  public void alertResolved(String incidentNumber, Instant resolvedAt) {
    Incident incident = existing(incidentNumber);
    Instant at = resolvedAt == null ? Instant.now() : resolvedAt;
    if (!incident.finished()) {
      messages.alertResolved(
          incidentNumber, incidentNumber + ":alert-resolved:" + at.toEpochMilli());
    }
    audit.record(
        source(incident),
        IncidentAuditActions.ALERT_RESOLVED,
        incident,
        Map.of("resolvedAt", at.toString()));
    events.publish(incident);
  }

  @Override
  public void acknowledgedBySource(String incidentNumber, String source) {
    Incident incident = existing(incidentNumber);
    String by = source == null || source.isBlank() ? source(incident) : source;
    audit.record(by, IncidentAuditActions.SOURCE_ACKNOWLEDGED, incident, Map.of("source", by));
    events.publish(incident);
  }

  private Incident existing(String number) {
    return store
        .find(number)
        .orElseThrow(() -> ApiProblem.notFound("There is no incident " + number + "."));
  }

  private static String source(Incident incident) {
    return incident.integration() != null ? incident.integration() : IncidentAuditActions.SYSTEM;
  }
}
