package life.suoke.ops.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerArgsTest {

  private static PeerArgs parse(String... args) {
    return PeerArgs.parse(args);
  }

  @Test
  void throughputTakesTheBenchDefaults() {
    PeerArgs a = parse("flowable", "throughput", "one-task", "60");
    assertThat(a.engine()).isEqualTo("flowable");
    assertThat(a.mode()).isEqualTo("throughput");
    assertThat(a.process()).isEqualTo(PeerProcess.ONE_TASK);
    assertThat(a.seconds()).isEqualTo(60);
    assertThat(a.warmup()).isEqualTo(60);
    assertThat(a.inFlight()).isEqualTo(256);
    assertThat(a.workers()).isEqualTo(8);
    assertThat(a.pollMillis()).isEqualTo(1);
  }

  @Test
  void latencyTakesARateAndOptions() {
    PeerArgs a =
        parse(
            "operaton",
            "latency",
            "one-task",
            "50",
            "10",
            "--warmup=5",
            "--workers=4",
            "--poll-ms=2",
            "--in-flight=16");
    assertThat(a.engine()).isEqualTo("operaton");
    assertThat(a.rate()).isEqualTo(50);
    assertThat(a.seconds()).isEqualTo(10);
    assertThat(a.warmup()).isEqualTo(5);
    assertThat(a.workers()).isEqualTo(4);
    assertThat(a.pollMillis()).isEqualTo(2);
    assertThat(a.inFlight()).isEqualTo(16);
    assertThat(parse("operaton", "latency", "ten-step", "50", "10").warmup()).isEqualTo(15);
  }

  @Test
  void aBadEngineIsNamed() {
    assertThatThrownBy(() -> parse("camunda", "throughput", "one-task", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown engine 'camunda'");
    assertThatThrownBy(() -> parse("--warmup=5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no engine");
  }

  @Test
  void aBadModeIsNamed() {
    assertThatThrownBy(() -> parse("flowable", "soak", "one-task", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown mode 'soak'");
  }

  @Test
  void aBadProcessIsNamed() {
    assertThatThrownBy(() -> parse("operaton", "throughput", "call-chain", "60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown process 'call-chain'");
  }

  @Test
  void badNumbersAndOptionsAreNamed() {
    assertThatThrownBy(() -> parse("flowable", "throughput", "one-task", "long"))
        .hasMessageContaining("'long'");
    assertThatThrownBy(() -> parse("flowable", "latency", "one-task", "0", "10"))
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> parse("flowable", "latency", "one-task", "10"))
        .hasMessageContaining("latency takes <process> <rate> <seconds>");
    assertThatThrownBy(() -> parse("flowable", "throughput", "one-task", "60", "--workers=x"))
        .hasMessageContaining("--workers");
    assertThatThrownBy(() -> parse("flowable", "throughput", "one-task", "60", "--threads=2"))
        .hasMessageContaining("unknown option --threads");
    assertThatThrownBy(() -> parse("flowable", "throughput", "one-task", "60", "--in-flight=0"))
        .hasMessageContaining("in-flight");
  }
}
