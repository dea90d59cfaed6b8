package life.suoke.ops.engine.record.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import org.junit.jupiter.api.Test;

class RecordValuesTest {

  private static TimerValue timer() {
    return new TimerValue(11L, 10L, 9L, "p", "wait", 5_000L, 1, "<default>");
  }

  @Test
  void aValueReadsBackFromItsJsonAsTheSameValue() {
    TimerValue timer = timer();
    assertThat(TimerValue.of(timer.toJson())).isEqualTo(timer);
    assertThat(RecordValues.of(ValueType.TIMER, timer.toJson())).isEqualTo(timer);
    assertThat(RecordValues.holdsExactly(ValueType.TIMER, timer.toJson())).isTrue();
  }

  @Test
  void aMissingFieldIsAnErrorNamingTheValueTypeAndTheField() {
    Map<String, Object> json = new LinkedHashMap<>(timer().toJson());
    json.remove("dueDate");
    assertThatThrownBy(() -> TimerValue.of(json))
        .isInstanceOfSatisfying(
            RecordValueException.class,
            e -> {
              assertThat(e.valueType()).isEqualTo(ValueType.TIMER);
              assertThat(e.field()).isEqualTo("dueDate");
            })
        .hasMessageContaining("TIMER")
        .hasMessageContaining("dueDate");

    json.put("dueDate", null);
    assertThatThrownBy(() -> TimerValue.of(json)).isInstanceOf(RecordValueException.class);
  }

  @Test
  void aFieldOfAnotherJsonTypeIsAnError() {
    Map<String, Object> json = new LinkedHashMap<>(timer().toJson());
    json.put("repetitions", "1");
    assertThatThrownBy(() -> TimerValue.of(json))
        .isInstanceOf(RecordValueException.class)
        .hasMessageContaining("repetitions");

    json.put("repetitions", 1L << 40); // a number, but not a 32-bit one
    assertThatThrownBy(() -> TimerValue.of(json))
        .isInstanceOf(RecordValueException.class)
        .hasMessageContaining("repetitions");

    Map<String, Object> strings = new LinkedHashMap<>(userTask(null).toJson());
    strings.put("candidateGroupsList", List.of("ops", 7));
    assertThatThrownBy(() -> UserTaskValue.of(strings))
        .isInstanceOf(RecordValueException.class)
        .hasMessageContaining("candidateGroupsList");
  }

  @Test
  void anOptionalFieldIsNullWhenAbsentAndLeftOutOfTheJson() {
    UserTaskValue created = userTask(null);
    assertThat(created.toJson()).doesNotContainKey("deniedReason");
    assertThat(UserTaskValue.of(created.toJson()).deniedReason()).isNull();

    UserTaskValue denied = userTask("not yet");
    assertThat(denied.toJson()).containsEntry("deniedReason", "not yet");
    assertThat(UserTaskValue.of(denied.toJson())).isEqualTo(denied);
  }

  @Test
  void aFieldTheTypeDoesNotKnowFailsTheCheckOfEveryAppliedEvent() {
    Map<String, Object> json = new LinkedHashMap<>(timer().toJson());
    json.put("bogus", 1);
    assertThatThrownBy(() -> RecordValues.holdsExactly(ValueType.TIMER, json))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bogus");
  }

  @Test
  void aRecordWrittenWithATypedValueHandsOutThatValueAndItsJson() {
    TimerValue timer = timer();
    Record typed =
        new Record(
            Record.PARTITION_ID,
            1,
            -1,
            12,
            0,
            RecordType.EVENT,
            TimerIntent.CREATED,
            RejectionType.NULL_VAL,
            "",
            Record.BROKER_VERSION,
            timer);
    assertThat(typed.typedValue()).isSameAs(timer);
    assertThat(typed.valueType()).isEqualTo(ValueType.TIMER);
    assertThat(typed.value()).isEqualTo(timer.toJson());

    Record read =
        new Record(
            Record.PARTITION_ID,
            1,
            -1,
            12,
            0,
            RecordType.EVENT,
            ValueType.TIMER,
            TimerIntent.CREATED,
            RejectionType.NULL_VAL,
            "",
            Record.BROKER_VERSION,
            timer.toJson());
    assertThat(TimerValue.of(read)).isEqualTo(timer);
    assertThat(read).isEqualTo(typed);
    assertThatThrownBy(() -> JobValue.of(read)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTypedValueMustBeOfItsIntentsValueType() {
    assertThatThrownBy(
            () ->
                new Record(
                    Record.PARTITION_ID,
                    1,
                    -1,
                    12,
                    0,
                    RecordType.EVENT,
                    JobIntent.CREATED,
                    RejectionType.NULL_VAL,
                    "",
                    Record.BROKER_VERSION,
                    timer()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TIMER");
  }

  private static UserTaskValue userTask(String deniedReason) {
    return new UserTaskValue(
        20L,
        "",
        List.of("ops"),
        List.of(),
        "",
        "",
        -1L,
        List.of(),
        Map.of(),
        "",
        "",
        10L,
        11L,
        "task",
        "Task",
        "p",
        9L,
        1,
        "<default>",
        100L,
        50,
        deniedReason);
  }
}
