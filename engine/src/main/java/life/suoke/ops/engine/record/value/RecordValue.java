package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of a record of one value type, as typed fields. The log and the gateways carry it as
 * Zeebe's JSON: each value type writes its fields in Zeebe's order ({@link #writeFields}), to a map
 * ({@link #toJson()}) or straight to the log's JSON; each reads it back with its {@code of(Map)},
 * where a field that is missing or of another type is a {@link RecordValueException}, never a
 * default.
 */
public interface RecordValue {

  ValueType valueType();

  /**
   * Writes the value's fields, in the order of Zeebe's JSON, each once; an optional field that is
   * absent is not written.
   */
  void writeFields(ValueFields out);

  /**
   * The value in Zeebe's JSON shape, as plain Java values (Map, List, String, Number, Boolean): a
   * new mutable map of the fields {@link #writeFields} writes, in that order.
   */
  default Map<String, Object> toJson() {
    return ValueMap.of(this);
  }
}
