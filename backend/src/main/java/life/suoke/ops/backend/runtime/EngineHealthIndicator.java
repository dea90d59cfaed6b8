package life.suoke.ops.backend.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import life.suoke.ops.engine.Engine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports the embedded engine as the {@code engine} health component: UP when its processing thread
 * answers a read within two seconds (it answers between batches, so a stuck or overloaded engine
 * shows here); DOWN with the reason otherwise (stopping, stuck), which is logged by nobody: a probe
 * every few seconds must not fill the log with stack traces.
 */
class EngineHealthIndicator extends AbstractHealthIndicator {

  private final Engine engine;

  EngineHealthIndicator(Engine engine) {
    super("Embedded engine health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    long position;
    try {
      position = engine.api().query(state -> state.lastPosition()).get(2, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Busy or stuck: DOWN with the reason, without a stack trace in the log on every probe.
      builder.down().withDetail("reason", "the processing thread did not answer within 2 s");
      return;
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      builder.down().withDetail("reason", String.valueOf(cause.getMessage()));
      return;
    }
    builder.up().withDetail("logPosition", position).withDetail("grpcPort", engine.grpcPort());
  }
}
