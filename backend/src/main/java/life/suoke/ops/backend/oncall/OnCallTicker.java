package life.suoke.ops.backend.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the shift reminders, the gap watch and the shift handovers every {@code
 * suoke.oncall.check-interval} (1 minute) on one daemon thread; {@code
 * suoke.oncall.checks.enabled=false} turns them off.
 */
@Component
class OnCallTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OnCallTicker.class);

  private final OnCallReminders reminders;
  private final OnCallGapWatch gaps;
  private final OnCallHandovers handovers;
  private final Duration interval;
  private final boolean enabled;
  private ScheduledExecutorService scheduler;

  OnCallTicker(
      OnCallReminders reminders,
      OnCallGapWatch gaps,
      OnCallHandovers handovers,
      @Value("${suoke.oncall.check-interval:PT1M}") Duration interval,
      @Value("${suoke.oncall.checks.enabled:true}") boolean enabled) {
    this.reminders = reminders;
    this.gaps = gaps;
    this.handovers = handovers;
    this.interval = interval;
    this.enabled = enabled;
  }

  @Override
  public synchronized void start() {
    if (!enabled || scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "oncall-checks");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            Instant now = Instant.now();
            reminders.remind(now);
            gaps.scan(now);
            handovers.handOver(now);
          } catch (RuntimeException e) {
            log.warn("On-call checks failed", e);
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
