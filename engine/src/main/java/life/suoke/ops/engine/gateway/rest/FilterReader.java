package life.suoke.ops.engine.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.projection.Condition;
import life.suoke.ops.engine.projection.Condition.Operator;
import life.suoke.ops.engine.projection.FieldType;

/**
 * Reads a search's {@code filter} object into conditions. A property is either a plain value
 * (equality) or an object of Camunda's operators ({@code $eq, $neq, $exists, $in, $notIn, $like,
 * $gt, $gte, $lt, $lte}); {@code $like} takes {@code *} and {@code ?} as wildcards.
 */
final class FilterReader {

  private FilterReader() {}

  static List<Condition> read(SearchSpec spec, JsonNode filter) {
    List<Condition> conditions = new ArrayList<>();
    if (filter == null || filter.isNull()) {
      return conditions;
    }
    if (!filter.isObject()) {
      throw RestProblem.invalidArgument(
          "The value for filter is '%s' but must be a JSON object.", filter);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = filter.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
        continue;
      }
      SearchSpec.Field field = spec.filters().get(name);
      if (field != null) {
        conditions.addAll(compare(name, field.sql(), field.type(), value));
      } else if (spec.variableScopes().containsKey(name)) {
        conditions.addAll(variables(name, spec.variableScopes().get(name), value));
      } else {
        throw RestProblem.invalidArgument(
            "The filter property '%s' is not supported by this engine.", name);
      }
    }
    return conditions;
  }

  private static List<Condition> variables(String name, String scopeSql, JsonNode value) {
    if (!value.isArray()) {
      throw RestProblem.invalidArgument(
          "The value for %s must be an array of {name, value} filters.", name);
    }
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode item : value) {
      JsonNode variableName = item.get("name");
      if (variableName == null || !variableName.isTextual()) {
        throw RestProblem.missing(name + ".name");
      }
      JsonNode variableValue = item.get("value");
      if (variableValue == null || variableValue.isNull()) {
        conditions.add(new Condition.Variable(scopeSql, variableName.textValue(), null));
        continue;
      }
      for (Condition c : compare(name + ".value", "v.value", FieldType.JSON, variableValue)) {
        conditions.add(
            new Condition.Variable(scopeSql, variableName.textValue(), (Condition.Compare) c));
      }
    }
    return conditions;
  }

  static List<Condition> compare(String name, String sql, FieldType type, JsonNode value) {
    List<Condition> conditions = new ArrayList<>();
    if (!value.isObject()) {
      conditions.add(
          new Condition.Compare(sql, type, Operator.EQ, List.of(operand(name, type, value))));
      return conditions;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> op = it.next();
      JsonNode operand = op.getValue();
      if (operand == null || operand.isNull() || (operand.isArray() && operand.isEmpty())) {
        continue; // absent; the client sends empty $in/$notIn lists beside the operator it means
      }
      Operator operator =
          switch (op.getKey()) {
            case "$eq" -> Operator.EQ;
            case "$neq" -> Operator.NEQ;
            case "$exists" -> Operator.EXISTS;
            case "$in" -> Operator.IN;
            case "$notIn" -> Operator.NOT_IN;
            case "$like" -> Operator.LIKE;
            case "$gt" -> Operator.GT;
            case "$gte" -> Operator.GTE;
            case "$lt" -> Operator.LT;
            case "$lte" -> Operator.LTE;
            default ->
                throw RestProblem.invalidArgument(
                    "Unknown filter operator '%s' for %s.", op.getKey(), name);
          };
      List<Object> operands = new ArrayList<>();
      switch (operator) {
        case EXISTS -> {
          if (!operand.isBoolean()) {
            throw RestProblem.invalidArgument(
                "The value for %s.$exists is '%s' but must be a boolean.", name, operand);
          }
          operands.add(operand.booleanValue());
        }
        case IN, NOT_IN -> {
          if (!operand.isArray()) {
            throw RestProblem.invalidArgument(
                "The value for %s.%s is '%s' but must be an array.", name, op.getKey(), operand);
          }
          for (JsonNode item : operand) {
            operands.add(operand(name, type, item));
          }
        }
        case LIKE -> {
          if (type != FieldType.TEXT && type != FieldType.TEXT_ARRAY && type != FieldType.JSON) {
            throw RestProblem.invalidArgument("The operator $like is not supported for %s.", name);
          }
          operands.add(likePattern(operand.asText()));
        }
        default -> operands.add(operand(name, type, operand));
      }
      conditions.add(new Condition.Compare(sql, type, operator, operands));
    }
    return conditions;
  }

  private static Object operand(String name, FieldType type, JsonNode value) {
    try {
      return switch (type) {
        case KEY -> {
          long key =
              value.isIntegralNumber() ? value.longValue() : Long.parseLong(value.asText().trim());
          yield key;
        }
        case INT -> {
          if (value.isIntegralNumber()) {
            yield value.intValue();
          }
          yield Integer.parseInt(value.asText().trim());
        }
        case DATE -> OffsetDateTime.parse(value.asText());
        case BOOL -> {
          if (!value.isBoolean()) {
            throw RestProblem.invalidArgument(
                "The value for %s is '%s' but must be a boolean.", name, value.asText());
          }
          yield value.booleanValue();
        }
        case TEXT, TEXT_ARRAY -> {
          if (value.isContainerNode()) {
            throw RestProblem.invalidArgument(
                "The value for %s is '%s' but must be a string.", name, value);
          }
          yield value.asText();
        }
        case JSON -> json(value.isTextual() ? value.textValue() : value.toString());
      };
    } catch (NumberFormatException e) {
      throw RestProblem.invalidArgument(
          "The value for %s is '%s' but must be a number.", name, value.asText());
    } catch (DateTimeParseException e) {
      throw RestProblem.invalidArgument(
          "The provided %s '%s' cannot be parsed as a date according to RFC 3339, section 5.6.",
          name, value.asText());
    }
  }

  /**
   * A variable value to compare with stored JSON: JSON as it is (re-written compactly, as values
   * are stored); anything that is not JSON is taken as a string. The Java client sends a value's
   * {@code toString()} (so {@code CHG-2} for the string "CHG-2"), the API's documentation JSON.
   */
  static String json(String text) {
    try {
      JsonNode parsed = RestJson.MAPPER.readTree(text);
      if (parsed != null && !parsed.isMissingNode()) {
        return RestJson.MAPPER.writeValueAsString(parsed);
      }
    } catch (java.io.IOException e) {
      // not JSON: a plain string
    }
    try {
      return RestJson.MAPPER.writeValueAsString(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Camunda's wildcards to SQL LIKE: {@code *} any run, {@code ?} one character; others literal.
   */
  static String likePattern(String pattern) {
    StringBuilder sql = new StringBuilder(pattern.length() + 8);
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      switch (ch) {
        case '*' -> sql.append('%');
        case '?' -> sql.append('_');
        case '%', '_', '\\' -> sql.append('\\').append(ch);
        default -> sql.append(ch);
      }
    }
    return sql.toString();
  }
}
