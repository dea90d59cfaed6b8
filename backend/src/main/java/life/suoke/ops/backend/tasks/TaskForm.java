package life.suoke.ops.backend.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import life.suoke.ops.backend.api.ApiProblem.FieldError;

/**
 * A Camunda form (form-js schema) as the server needs it: which data fields it has, where they go
 * in the submitted variables, how each is validated, and which are sensitive.
 *
 * <p>Components with a {@code key} are data fields ({@code textfield}, {@code textarea}, {@code
 * number}, {@code checkbox}, {@code radio}, {@code select}, {@code checklist}, {@code taglist},
 * {@code datetime}, {@code expression}, {@code filepicker}, and any other keyed type, which is
 * accepted as it comes). A key with dots is a path into nested objects. A {@code group} with a
 * {@code path} nests its fields under that path; a {@code dynamiclist} is an array of objects at
 * its {@code path}, each holding its fields. Display components (text, html, image, spacer,
 * separator, iframe, table, button) hold no data.
 *
 * <p>Validation follows form-js's {@code validate} properties: {@code required}, {@code min},
 * {@code max}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code validationType}
 * ({@code email}, {@code phone}); static {@code values} of radio, select, checklist and taglist are
 * enumerations. A field that can be hidden ({@code conditional.hide}), or is disabled or read-only,
 * is not required (its condition is the form's), but a value given for it must still be valid. A
 * field is sensitive when its custom properties say {@code sensitive: "true"}.
 */
final class TaskForm {

  /** The mask that stands for a sensitive value in the audit trail. */
  static final String MASK = "***";

  private static final Set<String> DISPLAY_ONLY =
      Set.of(
          "text",
          "html",
          "image",
          "spacer",
          "separator",
          "iframe",
          "table",
          "button",
          "documentPreview");
  private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{5,}$");

  /** The fields of one object level, by name; a name is one segment of a key or path. */
  private final Shape root;

  private final JsonNode schema;

  private TaskForm(JsonNode schema, Shape root) {
    this.schema = schema;
    this.root = root;
  }

  /** Reads a form-js schema (the object with {@code components}). */
  static TaskForm parse(JsonNode schema) {
    Shape root = new Shape();
    if (schema != null) {
      collect(schema.path("components"), root);
    }
    return new TaskForm(schema, root);
  }

  JsonNode schema() {
    return schema;
  }

  // ---- structure

  private static final class Shape {
    final Map<String, Node> fields = new LinkedHashMap<>();
  }

  /** A field (component set) or a nested object or a list of objects. */
  private static final class Node {
    JsonNode component; // a data field, else null
    Shape object; // nested fields (group path or dotted keys), else null
    Shape listItem; // dynamic list: the fields of each item, else null
    JsonNode listComponent;
  }

  private static void collect(JsonNode components, Shape into) {
    if (!components.isArray()) {
      return;
    }
    for (JsonNode component : components) {
      String type = component.path("type").asText("");
      if ("group".equals(type)) {
        Shape target = into;
        String path = component.path("path").asText("");
        if (!path.isBlank()) {
          target = objectAt(into, path.split("\\."));
        }
        collect(component.path("components"), target);
      } else if ("dynamiclist".equals(type)) {
        String path = component.path("path").asText("");
        if (path.isBlank()) {
          continue;
        }
        String[] segments = path.split("\\.");
        Shape parent =
            segments.length == 1
                ? into
                : objectAt(into, java.util.Arrays.copyOf(segments, segments.length - 1));
        Node node = parent.fields.computeIfAbsent(segments[segments.length - 1], k -> new Node());
        node.listItem = node.listItem == null ? new Shape() : node.listItem;
        node.listComponent = component;
        collect(component.path("components"), node.listItem);
      } else if (!DISPLAY_ONLY.contains(type)
          && component.hasNonNull("key")
          && !component.path("key").asText().isBlank()) {
        String[] segments = component.path("key").asText().split("\\.");
        Shape parent =
            segments.length == 1
                ? into
                : objectAt(into, java.util.Arrays.copyOf(segments, segments.length - 1));
        parent.fields.computeIfAbsent(segments[segments.length - 1], k -> new Node()).component =
            component;
      } else if (component.path("components").isArray()) {
        collect(component.path("components"), into); // layout containers without a path
      }
    }
  }

  private static Shape objectAt(Shape from, String[] segments) {
    Shape shape = from;
    for (String segment : segments) {
      Node node = shape.fields.computeIfAbsent(segment, k -> new Node());
      if (node.object == null) {
        node.object = new Shape();
      }
      shape = node.object;
    }
    return shape;
  }

  // ---- validation

  /** Every problem of the submitted variables, each named {@code variables.<path>}. */
  List<FieldError> validate(JsonNode variables) {
    List<FieldError> errors = new ArrayList<>();
    validateObject(root, variables, "variables", errors);
    return errors;
  }

  private static void validateObject(
      Shape shape, JsonNode value, String path, List<FieldError> errors) {
    ObjectNode object = value instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!shape.fields.containsKey(name)) {
        errors.add(new FieldError(path + "." + name, "is not a field of this form"));
      }
    }
    shape.fields.forEach(
        (name, node) -> {
          JsonNode given = object.get(name);
          String fieldPath = path + "." + name;
          if (node.component != null) {
            validateField(node.component, given, fieldPath, errors);
          } else if (node.listItem != null) {
            if (given == null || given.isNull()) {
              if (node.listComponent != null
                  && node.listComponent.path("validate").path("required").asBoolean(false)) {
                errors.add(new FieldError(fieldPath, "is required"));
              }
            } else if (!given.isArray()) {
              errors.add(new FieldError(fieldPath, "must be a list"));
            } else {
              for (int i = 0; i < given.size(); i++) {
                JsonNode item = given.get(i);
                if (!item.isObject()) {
                  errors.add(new FieldError(fieldPath + "[" + i + "]", "must be an object"));
                } else {
                  validateObject(node.listItem, item, fieldPath + "[" + i + "]", errors);
                }
              }
            }
          } else if (node.object != null) {
            if (given != null && !given.isNull() && !given.isObject()) {
              errors.add(new FieldError(fieldPath, "must be an object"));
            } else {
              validateObject(node.object, given, fieldPath, errors);
            }
          }
        });
  }

  private static void validateField(
      JsonNode component, JsonNode value, String path, List<FieldError> errors) {
    String type = component.path("type").asText("");
    JsonNode rules = component.path("validate");
    boolean mayBeLeftOut =
        component.path("conditional").hasNonNull("hide")
            || component.path("disabled").asBoolean(false)
            || component.path("readonly").asBoolean(false);
    boolean empty =
        value == null
            || value.isNull()
            || (value.isTextual() && value.textValue().isEmpty())
            || (value.isArray() && value.isEmpty());
    if (empty) {
      if (rules.path("required").asBoolean(false) && !mayBeLeftOut) {
        errors.add(new FieldError(path, "is required"));
      }
      return;
    }
    String problem =
        switch (type) {
          case "textfield", "textarea" -> text(value, rules);
          case "number" -> number(component, value, rules);
          case "checkbox" -> value.isBoolean() ? null : "must be true or false";
          case "radio", "select" ->
              value.isContainerNode() ? "must be a single value" : oneOf(component, value);
          case "checklist", "taglist" -> list(component, value);
          case "datetime" -> dateTime(component, value);
          case "filepicker" -> value.isTextual() ? null : "must be a string";
          default -> null; // expression fields and other keyed components take what they compute
        };
    if (problem != null) {
      errors.add(new FieldError(path, problem));
    }
  }

  private static String text(JsonNode value, JsonNode rules) {
    if (!value.isTextual()) {
      return "must be a string";
    }
    String text = value.textValue();
    int length = text.codePointCount(0, text.length());
    if (rules.hasNonNull("minLength") && length < rules.path("minLength").asInt()) {
      return "must be at least " + rules.path("minLength").asInt() + " characters long";
    }
    if (rules.hasNonNull("maxLength") && length > rules.path("maxLength").asInt()) {
      return "must be at most " + rules.path("maxLength").asInt() + " characters long";
    }
    String validationType = rules.path("validationType").asText("");
    if ("email".equals(validationType) && !EMAIL.matcher(text).matches()) {
      return "must be an email address";
    }
    if ("phone".equals(validationType) && !PHONE.matcher(text).matches()) {
      return "must be a phone number";
    }
    String pattern = rules.path("pattern").asText("");
    if (!pattern.isEmpty()) {
      try {
        if (!Pattern.compile(pattern).matcher(text).find()) {
          return "must match the pattern " + pattern;
        }
      } catch (PatternSyntaxException e) {
        return null; // the form's own pattern is broken; form-js ignores it too
      }
    }
    return null;
  }

  private static String number(JsonNode component, JsonNode value, JsonNode rules) {
    BigDecimal number;
    if (value.isNumber()) {
      number = value.decimalValue();
    } else if (value.isTextual() && component.path("serializeToString").asBoolean(false)) {
      try {
        number = new BigDecimal(value.textValue().trim());
      } catch (NumberFormatException e) {
        return "must be a number";
      }
    } else {
      return "must be a number";
    }
    if (rules.hasNonNull("min") && number.compareTo(rules.path("min").decimalValue()) < 0) {
      return "must be at least " + rules.path("min").asText();
    }
    if (rules.hasNonNull("max") && number.compareTo(rules.path("max").decimalValue()) > 0) {
      return "must be at most " + rules.path("max").asText();
    }
    if (component.hasNonNull("decimalDigits")
        && number.stripTrailingZeros().scale() > component.path("decimalDigits").asInt()) {
      return "must have at most " + component.path("decimalDigits").asInt() + " decimal digits";
    }
    return null;
  }

  /** The static options of a radio, select, checklist or taglist; null when they are dynamic. */
  private static List<String> options(JsonNode component) {
    JsonNode values = component.get("values");
    if (values == null
        || !values.isArray()
        || component.hasNonNull("valuesKey")
        || component.hasNonNull("valuesExpression")) {
      return null;
    }
    List<String> options = new ArrayList<>();
    for (JsonNode option : values) {
      options.add(option.path("value").asText());
    }
    return options;
  }

  private static String oneOf(JsonNode component, JsonNode value) {
    List<String> options = options(component);
    if (options != null && !options.contains(value.asText())) {
      return "must be one of " + String.join(", ", options);
    }
    return null;
  }

  private static String list(JsonNode component, JsonNode value) {
    if (!value.isArray()) {
      return "must be a list";
    }
    List<String> options = options(component);
    for (JsonNode item : value) {
      if (item.isContainerNode()) {
        return "must be a list of single values";
      }
      if (options != null && !options.contains(item.asText())) {
        return "must only hold values of " + String.join(", ", options);
      }
    }
    return null;
  }

  private static String dateTime(JsonNode component, JsonNode value) {
    if (!value.isTextual()) {
      return "must be a date or time string";
    }
    String text = value.textValue();
    String subtype = component.path("subtype").asText("date");
    return switch (subtype) {
      case "time" -> parses(text, TaskForm::time) ? null : "must be a time (HH:mm)";
      case "datetime" ->
          parses(text, TaskForm::dateTime) ? null : "must be a date and time (ISO 8601)";
      default -> parses(text, LocalDate::parse) ? null : "must be a date (YYYY-MM-DD)";
    };
  }

  private static Object time(String text) {
    try {
      return OffsetTime.parse(text);
    } catch (DateTimeParseException e) {
      return LocalTime.parse(text);
    }
  }

  private static Object dateTime(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(text);
    }
  }

  private static boolean parses(String text, java.util.function.Function<String, Object> parser) {
    try {
      parser.apply(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  // ---- sensitive fields

  /**
   * A copy of the submitted variables with the values of sensitive fields replaced by {@link
   * #MASK}.
   */
  JsonNode masked(JsonNode variables) {
    if (!(variables instanceof ObjectNode object)) {
      return variables;
    }
    ObjectNode copy = object.deepCopy();
    mask(root, copy);
    return copy;
  }

  private static void mask(Shape shape, ObjectNode object) {
    shape.fields.forEach(
        (name, node) -> {
          JsonNode given = object.get(name);
          if (given == null) {
            return;
          }
          if (node.component != null && sensitive(node.component)) {
            object.set(name, TextNode.valueOf(MASK));
          } else if (node.listItem != null && given instanceof ArrayNode items) {
            for (JsonNode item : items) {
              if (item instanceof ObjectNode itemObject) {
                mask(node.listItem, itemObject);
              }
            }
          } else if (node.object != null && given instanceof ObjectNode nested) {
            mask(node.object, nested);
          }
        });
  }

  private static boolean sensitive(JsonNode component) {
    JsonNode flag = component.path("properties").path("sensitive");
    return flag.isBoolean() ? flag.booleanValue() : "true".equalsIgnoreCase(flag.asText(""));
  }
}
