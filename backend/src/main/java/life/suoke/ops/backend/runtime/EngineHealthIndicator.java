package life.suoke.ops.backend.runtime;

import java.util.concurrent.TimeUnit;
import life.suoke.ops.engine.Engine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports the embedded engine as the {@code engine} health component: UP when its processing thread
 * answers a read within two seconds (it answers between batches, so a stuck or overloaded engine
 * shows here).
 */
class EngineHealthIndicator extends AbstractHealthIndicator {

  private final Engine engine;

  EngineHealthIndicator(Engine engine) {
    super("Embedded engine health check failed");
    this.engine = engine;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    long position = engine.api().query(state -> state.lastPosition()).get(2, TimeUnit.SECONDS);
    builder.up().withDetail("logPosition", position).withDetail("grpcPort", engine.grpcPort());
  }
}
