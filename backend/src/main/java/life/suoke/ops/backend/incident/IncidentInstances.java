package life.suoke.ops.backend.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.processes.incident.IncidentProcess;
import life.suoke.ops.processes.incident.IncidentVariables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the {@code incident-management} instance of each recorded incident, exactly once, even
 * across crashes.
 *
 * <ul>
 *   <li>An incident is recorded first (status open); its instance is started after that commit,
 *       under the row's lock, and its key written in the same transaction. The start variables are
 *       {@link IncidentVariables} plus {@code businessKey} = the number.
 *   <li>The recovery runs from the application's start and every {@code
 *       suoke.incident.recovery-interval} (30 s): incidents recorded before this run, or more than
 *       {@code suoke.incident.recovery-grace} (2 min) ago, without an instance are started the same
 *       way. Before it starts one, it looks for an instance already carrying the number (a crash
 *       between the start and the commit of its key) and adopts it. Locks are taken with SKIP
 *       LOCKED, so two application instances never start the same one.
 *   <li>Should a duplicate instance still run (the search had not seen the first one yet), the
 *       first job of an {@code incident-management} instance that is not the recorded one cancels
 *       it ({@link #admit}).
 * </ul>
 */
@Component
class IncidentInstances implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(IncidentInstances.class);
  private static final int RECOVERY_BATCH = 100;

  private final CamundaClient client;
  private final IncidentStore store;
  private final TransactionTemplate tx;
  private final IncidentProperties properties;
  private final IncidentAudit audit;
  private ScheduledExecutorService scheduler;

  IncidentInstances(
      CamundaClient client,
      IncidentStore store,
      TransactionTemplate tx,
      IncidentProperties properties,
      IncidentAudit audit) {
    this.client = client;
    this.store = store;
    this.tx = tx;
    this.properties = properties;
    this.audit = audit;
  }

  /**
   * Starts the incident's instance unless it has one or another starter holds its row now; the key
   * recorded, if any. {@code lookFirst}: look for an instance that already carries the number.
   */
  Optional<Long> start(String number, boolean lookFirst) {
    return tx.execute(
        status -> {
          Incident incident = store.lockIfUnstarted(number).orElse(null);
          if (incident == null) {
            return Optional.<Long>empty();
          }
          Long key = lookFirst ? existing(number).orElse(null) : null;
          if (key == null) {
            key =
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId(IncidentProcess.PROCESS_ID)
                    .latestVersion()
                    .variables(variables(incident))
                    .send()
                    .join()
                    .getProcessInstanceKey();
          }
          return store.adoptInstance(number, key);
        });
  }

  /**
   * Starts it, keeping any failure out of the caller's way (the recovery retries); never logs
   * incident texts.
   */
  void startQuietly(String number) {
    try {
      start(number, false);
    } catch (RuntimeException e) {
      log.warn(
          "The process of incident {} did not start now; the recovery retries: {}",
          number,
          e.getClass().getSimpleName());
    }
  }

  /** The start variables. */
  Map<String, Object> variables(Incident incident) {
    Map<String, Object> variables =
        new LinkedHashMap<>(
            new IncidentVariables(
                    incident.number(),
                    incident.title(),
                    incident.service(),
                    incident.serviceClass(),
                    incident.severity(),
                    incident.affectedUsers(),
                    incident.dataOrSafetyImpact(),
                    incident.source(),
                    incident.reporter(),
                    incident.tier1Group(),
                    incident.tier2Group(),
                    incident.tier3Group(),
                    incident.managerGroup(),
                    iso(properties.autoCloseAfter()))
                .toMap());
    variables.put("businessKey", incident.number());
    return variables;
  }

  /** An active or finished instance of the incident process that carries the number. */
  private Optional<Long> existing(String number) {
    List<ProcessInstance> found =
        client
            .newProcessInstanceSearchRequest()
            .filter(
                f ->
                    f.processDefinitionId(IncidentProcess.PROCESS_ID)
                        .variables(
                            List.of(
                                v ->
                                    v.name(IncidentProcess.VAR_INCIDENT_NUMBER)
                                        .value("\"" + number + "\""))))
            .page(p -> p.limit(10))
            .send()
            .join()
            .items();
    return found.stream()
        .filter(p -> p.getState() != ProcessInstanceState.TERMINATED)
        .map(ProcessInstance::getProcessInstanceKey)
        .sorted()
        .findFirst();
  }

  /**
   * Whether a job of {@code processInstanceKey} may act for the incident: a job of the recorded
   * instance, or of any other process, may; the first job of an unrecorded instance adopts it; a
   * job of a second {@code incident-management} instance cancels that instance and may not.
   */
  boolean admit(String number, long processInstanceKey, String bpmnProcessId) {
    if (!IncidentProcess.PROCESS_ID.equals(bpmnProcessId)) {
      return true;
    }
    // Most jobs find the instance recorded: one read, no write.
    Long recorded =
        store
            .recordedInstance(number)
            .orElseGet(
                () ->
                    tx.execute(
                        status -> store.adoptInstance(number, processInstanceKey).orElse(null)));
    if (recorded == null || recorded == processInstanceKey) {
      return true;
    }
    client.newCancelInstanceCommand(processInstanceKey).send().join();
    audit.record(
        IncidentAuditActions.SYSTEM,
        IncidentAuditActions.DUPLICATE_INSTANCE_CANCELLED,
        number,
        recorded,
        Map.of("cancelledProcessInstanceKey", Long.toString(processInstanceKey)));
    log.warn(
        "Incident {} had a second process instance {}; it was cancelled",
        number,
        processInstanceKey);
    return false;
  }

  // ---- recovery

  private final Instant startedAt =
      Instant.ofEpochMilli(
          java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());

  @EventListener(ApplicationReadyEvent.class)
  void startRecovery() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "suoke-incident-recovery");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1000, properties.recoveryInterval().toMillis());
    scheduler.scheduleWithFixedDelay(this::recoverQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  private void recoverQuietly() {
    try {
      // incidents recorded before this run started were left by a crash: start them at once; those
      // of this run only after the grace, since their opener may still be starting them (two
      // starts would give the incident two instances)
      Instant graceOver = Instant.now().minus(properties.recoveryGrace());
      recover(graceOver.isAfter(startedAt) ? graceOver : startedAt);
    } catch (RuntimeException e) {
      log.warn(
          "Starting the processes of recorded incidents failed; retrying in {}: {}",
          properties.recoveryInterval(),
          e.getClass().getSimpleName());
    }
  }

  /**
   * Starts the instances of the incidents recorded before {@code before} that have none; how many
   * it started or adopted.
   */
  int recover(Instant before) {
    int started = 0;
    for (String number : store.unstarted(before, RECOVERY_BATCH)) {
      try {
        if (start(number, true).isPresent()) {
          started++;
        }
      } catch (RuntimeException e) {
        log.warn(
            "The process of incident {} did not start; retrying later: {}",
            number,
            e.getClass().getSimpleName());
      }
    }
    return started;
  }

  @Override
  public void destroy() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** ISO 8601, in days when whole days (P3D rather than PT72H). */
  static String iso(Duration duration) {
    if (!duration.isZero() && duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
      return "P" + duration.toDays() + "D";
    }
    return duration.toString();
  }
}
