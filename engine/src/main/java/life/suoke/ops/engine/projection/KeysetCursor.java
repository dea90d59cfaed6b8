package life.suoke.ops.engine.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The search API's page cursors ({@code startCursor}, {@code endCursor}, and {@code page.after} /
 * {@code page.before}): the sort values of a row at the edge of a page, with the row's key columns,
 * so that the next page is a keyset query, whatever the depth. A cursor names the sort it was made
 * for (a checksum of the table and sort levels); one for another sort, or not made here, is
 * refused.
 */
public final class KeysetCursor {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The alias of sort level {@code i} in a search's select list. */
  static final String ALIAS = "__c";

  private KeysetCursor() {}

  /**
   * The cursor of a row of a search's result (the row holds its sort values as {@code __c0, __c1,
   * ...}).
   */
  public static String encode(TableQuery query, Map<String, Object> row) {
    List<TableQuery.Order> levels = query.levels();
    ObjectNode cursor = JSON.createObjectNode();
    cursor.put("s", signature(query));
    ArrayNode values = cursor.putArray("v");
    for (int i = 0; i < levels.size(); i++) {
      Object value = row.get(ALIAS + i);
      if (value == null) {
        values.addNull();
      } else if (value instanceof OffsetDateTime time) {
        values.add(time.toString());
      } else if (value instanceof Number number) {
        values.add(number.longValue());
      } else if (value instanceof Boolean bool) {
        values.add(bool);
      } else {
        values.add(value.toString());
      }
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sort values a cursor holds, typed for the query's levels; IllegalArgumentException if it is
   * not one of its cursors.
   */
  public static List<Object> decode(TableQuery query, String cursor) {
    List<TableQuery.Order> levels = query.levels();
    JsonNode node;
    try {
      node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new IllegalArgumentException("not a cursor", e);
    }
    if (node == null
        || !node.isObject()
        || !signature(query).equals(node.path("s").asText())
        || !node.path("v").isArray()
        || node.path("v").size() != levels.size()) {
      throw new IllegalArgumentException("not a cursor of this search");
    }
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      JsonNode value = node.path("v").get(i);
      values.add(value.isNull() ? null : typed(levels.get(i).type(), value));
    }
    return values;
  }

  private static Object typed(FieldType type, JsonNode value) {
    try {
      return switch (type) {
        case KEY -> {
          require(value.isIntegralNumber());
          yield value.longValue();
        }
        case INT -> {
          require(value.isIntegralNumber() && value.canConvertToInt());
          yield value.intValue();
        }
        case BOOL -> {
          require(value.isBoolean());
          yield value.booleanValue();
        }
        case DATE -> {
          require(value.isTextual());
          yield OffsetDateTime.parse(value.textValue());
        }
        default -> {
          require(value.isTextual());
          yield value.textValue();
        }
      };
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date", e);
    }
  }

  private static void require(boolean condition) {
    if (!condition) {
      throw new IllegalArgumentException("a cursor value of the wrong type");
    }
  }

  private static String signature(TableQuery query) {
    CRC32 crc = new CRC32();
    crc.update(query.signature().getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }
}
