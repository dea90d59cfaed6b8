package life.suoke.ops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.BpmnTransformer;
import org.junit.jupiter.api.Test;

/**
 * The snapshot codec on its own: plain values keep their exact types, shared strings come back as
 * one copy, and bytes that are not a whole snapshot of this format are refused with a reason. (That
 * it keeps the whole state is checked after every conformance test class, and in {@code
 * SnapshotCrashTest}.)
 */
class StateSnapshotTest {

  private final BpmnTransformer transformer = new BpmnTransformer();

  @Test
  void plainValuesKeepTheirExactTypes() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of(1, 2L, "three", false));
    nested.put("empty", Map.of());
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("int", 7);
    value.put("long", 1L << 40);
    value.put("double", 2.5d);
    value.put("decimal", new BigDecimal("0.10"));
    value.put("big", new BigInteger("123456789012345678901234567890"));
    value.put("text", "病人 ✓ \u0000 \"quoted\"");
    value.put("null", null);
    value.put("yes", true);
    value.put("nested", nested);

    SnapshotStreams.Out out = new SnapshotStreams.Out();
    out.value(value);
    Object back = new SnapshotStreams.In(out.toByteArray()).value();

    assertThat(back).isEqualTo(value);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) back;
    assertThat(map.get("int")).isInstanceOf(Integer.class);
    assertThat(map.get("long")).isInstanceOf(Long.class);
    assertThat(map.get("double")).isInstanceOf(Double.class);
    assertThat(map.get("decimal")).isEqualTo(new BigDecimal("0.10"));
    assertThat(map.keySet()).containsExactlyElementsOf(value.keySet());
  }

  @Test
  void sharedStringsAreWrittenOnceAndReadAsOneCopy() {
    SnapshotStreams.Out out = new SnapshotStreams.Out();
    String id = new String("incident-management-review");
    for (int i = 0; i < 100; i++) {
      out.sym(new String(id));
    }
    byte[] bytes = out.toByteArray();
    assertThat(bytes.length).isLessThan(id.length() + 100 * 4 + 8);
    SnapshotStreams.In in = new SnapshotStreams.In(bytes);
    String first = in.sym();
    for (int i = 1; i < 100; i++) {
      assertThat(in.sym()).isSameAs(first);
    }
  }

  @Test
  void anEmptyStateRoundTrips() {
    EngineClock clock = new EngineClock(() -> 0);
    clock.pin(1_000);
    EngineState state = new EngineState(transformer::transform, clock);
    state.lastPosition = 42;
    state.lastKeyCounter = 17;
    StateSnapshot.Image image = StateSnapshot.write(state);
    assertThat(image.position()).isEqualTo(42);

    EngineClock other = new EngineClock(() -> 0);
    EngineState back = StateSnapshot.read(image.data(), transformer::transform, other);
    assertThat(back.lastPosition()).isEqualTo(42);
    assertThat(back.nextKey()).isEqualTo(state.nextKey());
    assertThat(other.isPinned()).isTrue();
    assertThat(other.getAsLong()).isEqualTo(1_000);
    StateComparison.assertSame(state, back);
  }

  @Test
  void bytesThatAreNotAWholeSnapshotOfThisFormatAreRefused() {
    byte[] good =
        StateSnapshot.write(new EngineState(transformer::transform, new EngineClock(() -> 0)))
            .data();

    byte[] otherFormat = good.clone();
    ByteBuffer.wrap(otherFormat).putInt(4, StateSnapshot.FORMAT + 1);
    assertThatThrownBy(() -> read(otherFormat))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("format " + (StateSnapshot.FORMAT + 1));

    assertThatThrownBy(() -> read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not an engine state snapshot");

    assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length - 3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ends early");

    assertThatThrownBy(() -> read(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("after its end");
  }

  private EngineState read(byte[] data) {
    return StateSnapshot.read(data, transformer::transform, new EngineClock(() -> 0));
  }
}
