package life.suoke.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertBenchTest {

  @Test
  void phasesAndRampsAreCommaSeparatedNumbers() {
    assertThat(AlertBench.numbers("300, 120")).containsExactly(300, 120);
    assertThat(AlertBench.numbers("50")).containsExactly(50);
    assertThat(AlertBench.numbers("")).isEmpty();
    assertThatThrownBy(() -> AlertBench.numbers("50,fast"))
        .isInstanceOf(NumberFormatException.class);
  }
}
