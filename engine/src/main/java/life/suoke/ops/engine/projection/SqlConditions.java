package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Turns conditions into a WHERE clause with bind parameters. */
final class SqlConditions {

  private final StringBuilder where = new StringBuilder();
  private final List<Object[]> params = new ArrayList<>();

  SqlConditions(List<Condition> conditions) {
    for (Condition condition : conditions) {
      where.append(where.isEmpty() ? " WHERE " : " AND ");
      append(condition);
    }
  }

  String where() {
    return where.toString();
  }

  private void append(Condition condition) {
    if (condition instanceof Condition.Compare compare) {
      compare(compare, compare.sql());
    } else if (condition instanceof Condition.Variable variable) {
      where
          .append("EXISTS (SELECT 1 FROM {s}variable v WHERE v.scope_key = ")
          .append(variable.scopeSql())
          .append(" AND v.name = ?");
      params.add(new Object[] {variable.name(), FieldType.TEXT});
      if (variable.value() != null) {
        where.append(" AND ");
        if (!byPrefix(variable.value())) {
          compare(variable.value(), "v.value");
        }
      }
      where.append(')');
    } else if (condition instanceof Condition.InProcessInstanceTree tree) {
      where
          .append(tree.processInstanceSql())
          .append(" IN (WITH RECURSIVE tree(k) AS (SELECT CAST(? AS BIGINT)")
          .append(" UNION SELECT p.process_instance_key FROM {s}process_instance p JOIN tree")
          .append(" ON p.parent_process_instance_key = tree.k) SELECT k FROM tree)");
      params.add(new Object[] {tree.rootProcessInstanceKey(), FieldType.KEY});
    } else {
      where.append("FALSE");
    }
  }

  /**
   * An equality (or one of several values) on a variable's JSON value as a comparison of the
   * indexed prefix ({@code v.value_prefix}, {@link ProjectionSchema#VALUE_PREFIX} characters),
   * which the index on (name, value_prefix, scope) answers without visiting the table: for a value
   * shorter than the prefix, the prefixes are equal exactly when the values are. A longer value
   * compares its prefix and then the whole value. False (nothing written) for any other comparison.
   */
  private boolean byPrefix(Condition.Compare c) {
    if (c.type() != FieldType.JSON
        || (c.operator() != Condition.Operator.EQ && c.operator() != Condition.Operator.IN)) {
      return false;
    }
    List<String> values = new ArrayList<>();
    for (Object operand : c.operands()) {
      if (!(operand instanceof String text)) {
        return false;
      }
      values.add(text);
    }
    // PostgreSQL's left() counts characters (code points), as these counts do
    boolean allShort =
        values.stream()
            .allMatch(v -> v.codePointCount(0, v.length()) < ProjectionSchema.VALUE_PREFIX);
    if (c.operator() == Condition.Operator.EQ) {
      String value = values.get(0);
      if (allShort) {
        where.append("v.value_prefix = ?");
        params.add(new Object[] {value, FieldType.TEXT});
      } else {
        where.append("v.value_prefix = ? AND v.value = ?");
        params.add(
            new Object[] {
              value.substring(0, value.offsetByCodePoints(0, ProjectionSchema.VALUE_PREFIX)),
              FieldType.TEXT
            });
        params.add(new Object[] {value, FieldType.TEXT});
      }
      return true;
    }
    if (!allShort) {
      return false;
    }
    where.append("v.value_prefix = ANY(?)");
    params.add(new Object[] {values, FieldType.TEXT, true});
    return true;
  }

  private void compare(Condition.Compare c, String sql) {
    boolean array = c.type() == FieldType.TEXT_ARRAY;
    switch (c.operator()) {
      // "contains" as @> rather than = ANY(...), so that a GIN index on the array serves it
      case EQ -> where.append(array ? sql + " @> ARRAY[CAST(? AS text)]" : sql + " = ?");
      case NEQ ->
          where.append(
              array ? "NOT (? = ANY(coalesce(" + sql + ", '{}')))" : sql + " IS DISTINCT FROM ?");
      case EXISTS -> {
        boolean exists = Boolean.TRUE.equals(c.operands().get(0));
        where.append(
            array
                ? (exists
                    ? "cardinality(" + sql + ") > 0"
                    : "coalesce(cardinality(" + sql + "), 0) = 0")
                : sql + (exists ? " IS NOT NULL" : " IS NULL"));
        return;
      }
      case IN -> where.append(array ? sql + " && ?" : sql + " = ANY(?)");
      case NOT_IN ->
          where.append(
              array
                  ? "NOT (coalesce(" + sql + ", '{}') && ?)"
                  : "(" + sql + " IS NULL OR NOT (" + sql + " = ANY(?)))");
      case LIKE ->
          where.append(
              array
                  ? "EXISTS (SELECT 1 FROM unnest(" + sql + ") x WHERE x LIKE ?)"
                  : sql + " LIKE ?");
      case GT -> where.append(sql).append(" > ?");
      case GTE -> where.append(sql).append(" >= ?");
      case LT -> where.append(sql).append(" < ?");
      case LTE -> where.append(sql).append(" <= ?");
    }
    boolean list =
        c.operator() == Condition.Operator.IN || c.operator() == Condition.Operator.NOT_IN;
    params.add(new Object[] {list ? c.operands() : c.operands().get(0), c.type(), list});
  }

  /** Binds the parameters from index {@code first} on; returns the next free index. */
  int bind(Connection connection, PreparedStatement ps, int first) throws SQLException {
    int index = first;
    for (Object[] param : params) {
      Object value = param[0];
      FieldType type = (FieldType) param[1];
      if (param.length > 2 && Boolean.TRUE.equals(param[2])) {
        ps.setArray(
            index++, connection.createArrayOf(type.arrayElementType, ((List<?>) value).toArray()));
      } else if (value instanceof OffsetDateTime time) {
        ps.setObject(index++, time, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        ps.setObject(index++, value);
      }
    }
    return index;
  }
}
