package life.suoke.ops.backend.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import life.suoke.ops.engine.Engine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * In external mode the application starts no engine: the Camunda client settings point at a
 * cluster.
 */
class EngineModeTest {

  @Test
  void externalModeStartsNoEngine() {
    new ApplicationContextRunner()
        .withUserConfiguration(EmbeddedEngineConfiguration.class)
        .withPropertyValues("suoke.engine.mode=external")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Engine.class);
              assertThat(context).doesNotHaveBean(EngineHealthIndicator.class);
            });
  }
}
