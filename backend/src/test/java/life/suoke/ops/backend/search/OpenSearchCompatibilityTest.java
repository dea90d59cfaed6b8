package life.suoke.ops.backend.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The interceptors themselves are tested with them, in module {@code search} ({@code
 * OpenSearchHttpTest}).
 */
class OpenSearchCompatibilityTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(OpenSearchCompatibility.class);

  @Test
  void isActiveForOpenSearchTargetsOnly() {
    context.run(c -> assertThat(c).hasSingleBean(OpenSearchCompatibility.class));
    context
        .withPropertyValues("suoke.search.flavor=opensearch")
        .run(c -> assertThat(c).hasSingleBean(OpenSearchCompatibility.class));
    context
        .withPropertyValues("suoke.search.flavor=elasticsearch")
        .run(c -> assertThat(c).doesNotHaveBean(OpenSearchCompatibility.class));
  }
}
