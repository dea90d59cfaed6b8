package life.suoke.ops.engine.record.value;

import life.suoke.ops.engine.record.ValueType;

/** A record's value lacks a field its value type requires, or has it with another type. */
public final class RecordValueException extends IllegalArgumentException {

  private final ValueType valueType;
  private final String field;

  RecordValueException(ValueType valueType, String field, String problem) {
    super("The value of a " + valueType + " record " + problem + ": " + field);
    this.valueType = valueType;
    this.field = field;
  }

  public ValueType valueType() {
    return valueType;
  }

  /** The field that is missing or mistyped (with its position for an element of a list). */
  public String field() {
    return field;
  }
}
