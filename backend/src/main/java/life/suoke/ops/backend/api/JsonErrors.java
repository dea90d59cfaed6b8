package life.suoke.ops.backend.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Names the field of an unreadable JSON body, as far as Jackson can tell, and says why in words.
 */
final class JsonErrors {

  private JsonErrors() {}

  static String field(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."))
          .replace(".[", "[");
    }
    return "";
  }

  static String reason(HttpMessageNotReadableException ex) {
    if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return "has the wrong type or format";
    }
    return "the request body is not valid JSON";
  }
}
