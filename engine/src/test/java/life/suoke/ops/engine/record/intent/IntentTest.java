package life.suoke.ops.engine.record.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import org.junit.jupiter.api.Test;

/** The intents of each value type, and the lookup by name the log and JSON readers use. */
class IntentTest {

  @Test
  void everyValueTypeHasItsOwnIntentsAndEachIsFoundByItsName() {
    for (ValueType valueType : ValueType.values()) {
      assertThat(Intent.values(valueType)).as(valueType.name()).isNotEmpty();
      for (Intent intent : Intent.values(valueType)) {
        assertThat(intent.valueType()).isEqualTo(valueType);
        assertThat(Intent.of(valueType, intent.name())).isSameAs(intent);
      }
    }
  }

  @Test
  void theSameNameIsAnotherIntentInAnotherValueType() {
    assertThat(Intent.of(ValueType.JOB, "CREATED")).isSameAs(JobIntent.CREATED);
    assertThat(Intent.of(ValueType.VARIABLE, "CREATED")).isSameAs(VariableIntent.CREATED);
    assertThat((Object) JobIntent.CREATED).isNotEqualTo(VariableIntent.CREATED);
    assertThat(ProcessInstanceIntent.ELEMENT_ACTIVATED.name()).isEqualTo("ELEMENT_ACTIVATED");
  }

  @Test
  void anUnknownOrMissingIntentIsAnError() {
    assertThatThrownBy(() -> Intent.of(ValueType.JOB, "ELEMENT_ACTIVATED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ELEMENT_ACTIVATED'")
        .hasMessageContaining("JOB");
    assertThatThrownBy(() -> Intent.of(ValueType.CLOCK, "created"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Intent.of(ValueType.JOB, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Intent.of(null, "CREATED"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commandsAskAndEventsState() {
    assertThat(JobIntent.COMPLETE.isEvent()).isFalse();
    assertThat(JobIntent.COMPLETED.isEvent()).isTrue();
    assertThat(ProcessInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT.isEvent()).isFalse();
    assertThat(UserTaskIntent.COMPLETE_TASK_LISTENER.isEvent()).isFalse();
    assertThat(ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN.isEvent()).isTrue();
  }

  @Test
  void aRecordsIntentIsOneOfItsValueTypes() {
    assertThatThrownBy(() -> record(ValueType.VARIABLE, JobIntent.CREATED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VARIABLE");
    assertThatThrownBy(() -> record(ValueType.JOB, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(record(ValueType.JOB, JobIntent.CREATED).intent()).isSameAs(JobIntent.CREATED);
  }

  private static Record record(ValueType valueType, Intent intent) {
    return new Record(
        Record.PARTITION_ID,
        1,
        -1,
        -1,
        0,
        RecordType.EVENT,
        valueType,
        intent,
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        Map.of());
  }
}
