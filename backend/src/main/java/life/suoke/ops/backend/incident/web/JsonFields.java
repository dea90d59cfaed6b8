package life.suoke.ops.backend.incident.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;

/**
 * Reads a JSON request body field by field, strictly: fields it does not know, wrong types, missing
 * or oversized values are each named in one 400 problem ({@link #check()}).
 */
final class JsonFields {

  private final JsonNode body;
  private final List<ApiProblem.FieldError> errors = new ArrayList<>();

  private JsonFields(JsonNode body) {
    this.body = body;
  }

  /** A body with only these fields (an absent body is an empty object). */
  static JsonFields of(JsonNode body, Set<String> known) {
    JsonNode object =
        body == null || body.isNull() || body.isMissingNode()
            ? JsonNodeFactory.instance.objectNode()
            : body;
    JsonFields fields = new JsonFields(object);
    if (!object.isObject()) {
      fields.errors.add(new ApiProblem.FieldError("", "the body must be a JSON object"));
      fields.check();
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        fields.errors.add(new ApiProblem.FieldError(name, "is not a known field"));
      }
    }
    return fields;
  }

  /** A string of at most {@code max} characters (trimmed; blank counts as absent). */
  String text(String field, boolean required, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        errors.add(new ApiProblem.FieldError(field, "is required"));
      }
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new ApiProblem.FieldError(field, "must be a string"));
      return null;
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      if (required) {
        errors.add(new ApiProblem.FieldError(field, "is required"));
      }
      return null;
    }
    if (text.length() > max) {
      errors.add(new ApiProblem.FieldError(field, "must be at most " + max + " characters"));
      return null;
    }
    return text;
  }

  /** One of the allowed values. */
  String option(String field, boolean required, List<String> allowed) {
    String value = text(field, required, 100);
    if (value != null && !allowed.contains(value)) {
      errors.add(new ApiProblem.FieldError(field, "must be one of " + String.join(", ", allowed)));
      return null;
    }
    return value;
  }

  boolean bool(String field, boolean absent) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isBoolean()) {
      errors.add(new ApiProblem.FieldError(field, "must be true or false"));
      return absent;
    }
    return value.booleanValue();
  }

  int integer(String field, int absent, int min, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < min
        || value.intValue() > max) {
      errors.add(
          new ApiProblem.FieldError(field, "must be a whole number from " + min + " to " + max));
      return absent;
    }
    return value.intValue();
  }

  /** An ISO 8601 instant with offset (2030-01-31T12:00:00Z), or null when absent. */
  java.time.Instant instant(String field, boolean required) {
    String value = text(field, required, 40);
    if (value == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      errors.add(
          new ApiProblem.FieldError(
              field, "must be an ISO 8601 instant such as 2030-01-31T12:00:00Z"));
      return null;
    }
  }

  /** Throws the problem naming every bad field, if there is one. */
  void check() {
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }
}
