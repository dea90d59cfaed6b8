package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, validating reads of a JSON request body. Every failure is a 400 problem that names the
 * property, in the wording of Camunda's request validation ("No type provided.", "The value for
 * timeout is 'x' but must be a number."). Keys are accepted as strings (as 8.8 sends them) or as
 * numbers.
 */
final class JsonBody {

  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  /** An empty body reads as an empty object; anything but a JSON object is refused. */
  static JsonBody parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return new JsonBody(RestJson.MAPPER.createObjectNode());
    }
    JsonNode parsed;
    try {
      parsed = RestJson.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw RestProblem.invalidArgument(
          "Request body is not valid JSON: %s", e.getOriginalMessage());
    } catch (IOException e) {
      throw RestProblem.invalidArgument("Request body could not be read: %s", e.getMessage());
    }
    if (parsed == null || parsed.isMissingNode() || parsed.isNull()) {
      return new JsonBody(RestJson.MAPPER.createObjectNode());
    }
    if (!parsed.isObject()) {
      throw RestProblem.invalidArgument(
          "Request body must be a JSON object, but was %s", describe(parsed));
    }
    return new JsonBody(parsed);
  }

  static JsonBody of(JsonNode node) {
    return new JsonBody(node == null ? MissingNode.getInstance() : node);
  }

  JsonNode node() {
    return node;
  }

  JsonNode get(String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value;
  }

  boolean has(String field) {
    return get(field) != null;
  }

  String text(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, value, "a string");
    }
    return value.textValue();
  }

  String requiredText(String field) {
    String value = text(field);
    if (value == null || value.isBlank()) {
      throw RestProblem.missing(field);
    }
    return value;
  }

  Long longValue(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual()) {
      try {
        return Long.parseLong(value.textValue().trim());
      } catch (NumberFormatException e) {
        throw invalid(field, value, "a number");
      }
    }
    throw invalid(field, value, "a number");
  }

  Integer integer(String field) {
    Long value = longValue(field);
    if (value == null) {
      return null;
    }
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw RestProblem.invalidArgument(
          "The value for %s is '%d' but must be a 32-bit integer.", field, value);
    }
    return value.intValue();
  }

  Boolean bool(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()
        && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
      return Boolean.parseBoolean(value.textValue());
    }
    throw invalid(field, value, "a boolean");
  }

  /** A key property: a positive number, as a string or a JSON number; null when absent. */
  Long key(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    Long key;
    try {
      key = longValue(field);
    } catch (RestProblem e) {
      throw invalid(field, value, "a numeric key");
    }
    if (key <= 0) {
      throw invalid(field, value, "a positive numeric key");
    }
    return key;
  }

  /** A variables document: a JSON object, empty when absent. */
  Map<String, Object> variables(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw invalid(field, value, "a JSON object");
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    value.fields().forEachRemaining(e -> variables.put(e.getKey(), plain(e.getValue())));
    return variables;
  }

  List<String> strings(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw invalid(field, value, "an array of strings");
    }
    List<String> result = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw invalid(field, value, "an array of strings");
      }
      result.add(item.textValue());
    }
    return result;
  }

  /** A nested object, or an empty one when absent. */
  JsonBody object(String field) {
    JsonNode value = get(field);
    if (value == null) {
      return new JsonBody(RestJson.MAPPER.createObjectNode());
    }
    if (!value.isObject()) {
      throw invalid(field, value, "a JSON object");
    }
    return new JsonBody(value);
  }

  boolean isEmptyObject() {
    if (!(node instanceof ObjectNode object)) {
      return true;
    }
    for (JsonNode value : object) {
      if (!value.isNull()) {
        return false;
      }
    }
    return true;
  }

  /** A JSON value as plain Java (Map, List, String, BigDecimal/Long/Integer, Boolean, null). */
  static Object plain(JsonNode value) {
    return RestJson.MAPPER.convertValue(value, Object.class);
  }

  private static RestProblem invalid(String field, JsonNode value, String expected) {
    String shown = value.isTextual() ? value.textValue() : value.toString();
    return RestProblem.invalidArgument(
        "The value for %s is '%s' but must be %s.", field, shown, expected);
  }

  private static String describe(JsonNode node) {
    JsonNodeType type = node.getNodeType();
    return type == null ? "unknown" : type.name().toLowerCase(java.util.Locale.ROOT);
  }
}
