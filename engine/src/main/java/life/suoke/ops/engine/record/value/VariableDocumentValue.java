package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of VARIABLE_DOCUMENT records: variables set on a scope, locally or propagated. */
public record VariableDocumentValue(
    long scopeKey, String updateSemantics, Map<String, Object> variables) implements RecordValue {

  /**
   * Reads the value of a VARIABLE_DOCUMENT record; a field that is missing or of another type is an
   * error.
   */
  public static VariableDocumentValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.VARIABLE_DOCUMENT, json);
    return new VariableDocumentValue(
        read.int64("scopeKey"), read.string("updateSemantics"), read.object("variables"));
  }

  /** The typed value of a VARIABLE_DOCUMENT record. */
  public static VariableDocumentValue of(Record record) {
    if (record.typedValue() instanceof VariableDocumentValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a VARIABLE_DOCUMENT record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.VARIABLE_DOCUMENT;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("scopeKey", scopeKey);
    out.put("updateSemantics", updateSemantics);
    out.put("variables", variables);
  }
}
