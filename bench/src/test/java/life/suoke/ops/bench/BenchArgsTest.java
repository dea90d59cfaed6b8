package life.suoke.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchArgsTest {

  @Test
  void positionalNumbersThenOptionsWithTheirDefaults() {
    BenchArgs a = new BenchArgs(new String[] {"50", "60", "--warmup=300", "--series", "--ramp="});
    assertThat(a.position(0, 20)).isEqualTo(50);
    assertThat(a.position(1, 30)).isEqualTo(60);
    assertThat(a.position(2, 7)).isEqualTo(7);
    assertThat(a.option("warmup", 10)).isEqualTo(300);
    assertThat(a.option("warmup-rate", 50)).isEqualTo(50);
    assertThat(a.option("series", "false")).isEqualTo("true");
    assertThat(a.option("ramp", "100,200")).isEmpty();
  }

  @Test
  void aRepeatedOptionTakesItsLastValue() {
    BenchArgs a = new BenchArgs(new String[] {"--ramp=", "--ramp=55,60", "--step=30"});
    assertThat(a.option("ramp", "")).isEqualTo("55,60");
    assertThat(a.option("step", 10)).isEqualTo(30);
  }

  @Test
  void aNumberThatIsNoneIsRefused() {
    BenchArgs a = new BenchArgs(new String[] {"fifty", "--warmup=long"});
    assertThatThrownBy(() -> a.position(0, 20)).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> a.option("warmup", 10)).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void phasesAndRampsAreCommaSeparatedNumbers() {
    BenchArgs a =
        new BenchArgs(
            new String[] {"--warmup=300, 120", "--warmup-rate=50", "--ramp=", "--x=50,fast"});
    assertThat(a.numbers("warmup", "10")).containsExactly(300, 120);
    assertThat(a.numbers("warmup-rate", "20")).containsExactly(50);
    assertThat(a.numbers("ramp", "100")).isEmpty();
    assertThat(a.numbers("step", "30")).containsExactly(30);
    assertThatThrownBy(() -> a.numbers("x", "")).isInstanceOf(NumberFormatException.class);
  }
}
