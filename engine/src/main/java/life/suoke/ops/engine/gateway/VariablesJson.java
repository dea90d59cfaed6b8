package life.suoke.ops.engine.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.state.JsonValues;

/** Variables documents as the client protocols carry them: a JSON object in a string. */
public final class VariablesJson {

  private VariablesJson() {}

  /**
   * Parses a variables document; empty means none. A document that is not a JSON object is rejected
   * naming the field.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String field, String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      parsed = JsonValues.read(json);
    } catch (IllegalArgumentException e) {
      throw Rejection.invalidArgument(
          "Property '%s' is invalid: Expected document to be valid JSON, but it could not be parsed: %s",
          field, e.getMessage());
    }
    if (parsed == null) {
      return Map.of();
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw Rejection.invalidArgument(
          "Property '%s' is invalid: Expected document to be a root level object, but was '%s'",
          field,
          parsed instanceof java.util.List
              ? "ARRAY"
              : parsed.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT));
    }
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  public static String write(Map<String, ?> variables) {
    return JsonValues.write(variables == null ? Map.of() : variables);
  }
}
