package life.suoke.ops.backend.incident.intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The dead-man's switch: every few seconds, each heartbeat integration whose monitor has not called
 * within its interval opens an incident (once: the group stays open until the next heartbeat
 * resolves it).
 */
@Component
public class HeartbeatMonitor implements SmartLifecycle {

  static final String GROUP_KEY = "heartbeat";
  private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);

  private final Integrations integrations;
  private final AlertIntake intake;
  private final long checkMillis;
  private ScheduledExecutorService scheduler;

  HeartbeatMonitor(
      Integrations integrations,
      AlertIntake intake,
      @Value("${suoke.intake.heartbeat-check-millis:15000}") long checkMillis) {
    this.integrations = integrations;
    this.intake = intake;
    this.checkMillis = checkMillis;
  }

  /** Checks every heartbeat now; answers how many incidents it opened. */
  public int check(Instant now) {
    int opened = 0;
    for (Integration integration : integrations.missedHeartbeats(now)) {
      AlertIntake.Outcome outcome = intake.receive(integration, missed(integration, now));
      if ("opened".equals(outcome.outcome())) {
        opened++;
      }
    }
    return opened;
  }

  static AlertIntake.GroupSend missed(Integration integration, Instant now) {
    String summary =
        "No heartbeat from " + integration.name() + " since " + integration.lastHeartbeatAt();
    Map<String, String> labels =
        Map.of(
            "alertname",
            "HeartbeatMissed",
            "integration",
            integration.name(),
            "service",
            integration.service());
    IncomingAlert alert =
        new IncomingAlert(
            GROUP_KEY,
            "firing",
            summary,
            labels,
            Map.of("summary", summary, "interval", String.valueOf(integration.heartbeatInterval())),
            integration.lastHeartbeatAt().plus(integration.heartbeatInterval()),
            null,
            null);
    return new AlertIntake.GroupSend(
        GROUP_KEY,
        false,
        "Heartbeat missed: " + integration.name(),
        summary,
        "critical",
        labels,
        List.of(alert),
        integration.lastHeartbeatAt().plus(integration.heartbeatInterval()));
  }

  static AlertIntake.GroupSend recovered() {
    return new AlertIntake.GroupSend(GROUP_KEY, true, null, null, null, Map.of(), List.of(), null);
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "suoke-heartbeat-monitor");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            check(Instant.now());
          } catch (RuntimeException e) {
            log.warn("heartbeat check failed: {}", e.toString());
          }
        },
        checkMillis,
        checkMillis,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public boolean isRunning() {
    return scheduler != null;
  }
}
