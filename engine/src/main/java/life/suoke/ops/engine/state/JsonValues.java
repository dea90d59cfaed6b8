package life.suoke.ops.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Variable values as JSON text and as plain Java values (Map, List, String, Number, Boolean, null).
 */
public final class JsonValues {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonValues() {}

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Value cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses JSON text; throws IllegalArgumentException with the parser's reason when it is not JSON.
   */
  public static Object read(String json) {
    Object scalar = scalar(json);
    if (scalar != NOT_SCALAR) {
      return scalar;
    }
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  private static final Object NOT_SCALAR = new Object();

  /**
   * The value of JSON text that is {@code true}, {@code false}, {@code null}, an integer of up to
   * nine digits or a string without escapes, read the way the parser would read it (an Integer, a
   * String, ...); anything else is {@link #NOT_SCALAR}, for the parser.
   */
  private static Object scalar(String json) {
    int n = json.length();
    if (n == 0) {
      return NOT_SCALAR;
    }
    char first = json.charAt(0);
    if (first == '"') {
      if (n < 2 || json.charAt(n - 1) != '"') {
        return NOT_SCALAR;
      }
      for (int i = 1; i < n - 1; i++) {
        char c = json.charAt(i);
        if (c == '"' || c == '\\' || c < 0x20) {
          return NOT_SCALAR;
        }
      }
      return json.substring(1, n - 1);
    }
    switch (json) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
        return null;
      default:
        break;
    }
    int start = first == '-' ? 1 : 0;
    int digits = n - start;
    if (digits < 1 || digits > 9 || (json.charAt(start) == '0' && digits > 1)) {
      return NOT_SCALAR;
    }
    for (int i = start; i < n; i++) {
      char c = json.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_SCALAR;
      }
    }
    return Integer.parseInt(json);
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
