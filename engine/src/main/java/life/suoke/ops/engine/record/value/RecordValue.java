package life.suoke.ops.engine.record.value;

import java.util.Map;
import life.suoke.ops.engine.record.ValueType;

/**
 * The value of a record of one value type, as typed fields. The log and the gateways carry it as
 * Zeebe's JSON ({@link #toJson()}); each value type reads it back with its {@code of(Map)}, where a
 * field that is missing or of another type is a {@link RecordValueException}, never a default.
 */
public interface RecordValue {

  ValueType valueType();

  /** The value in Zeebe's JSON shape, as plain Java values (Map, List, String, Number, Boolean). */
  Map<String, Object> toJson();
}
