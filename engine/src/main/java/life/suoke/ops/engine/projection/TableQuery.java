package life.suoke.ops.engine.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * A search over one projection table: the selected expressions (each {@code expr AS alias}), the
 * conditions (all must hold), the order, and the page: an offset, or a keyset (the sort values of
 * the row a page is to start after, or end before). The tie-breakers (the key column, or the
 * columns that make a row unique) follow the order, so that every row has one place in it.
 */
public record TableQuery(
    String table,
    String keyColumn,
    List<String> tieBreakers,
    List<String> select,
    List<Condition> conditions,
    List<Order> order,
    int offset,
    int limit,
    Keyset keyset) {

  /**
   * One sort level: SQL, direction (nulls always last, as Camunda sorts), and the type of its
   * values.
   */
  public record Order(String sql, boolean descending, FieldType type) {}

  /**
   * A page next to a row: after it ({@code before} false) or before it, given by the row's values
   * of every sort level ({@link #levels()}), nulls included.
   */
  public record Keyset(boolean before, List<Object> values) {}

  /** An offset page, with the key column as the tie-breaker. */
  public TableQuery(
      String table,
      String keyColumn,
      List<String> select,
      List<Condition> conditions,
      List<Order> order,
      int offset,
      int limit) {
    this(
        table,
        keyColumn,
        List.of("t." + keyColumn),
        select,
        conditions,
        order,
        offset,
        limit,
        null);
  }

  /** The order, then each tie-breaker not in it already (ascending keys). */
  public List<Order> levels() {
    List<Order> levels = new ArrayList<>(order);
    for (String column : tieBreakers) {
      if (order.stream().noneMatch(o -> o.sql().equals(column))) {
        levels.add(new Order(column, false, FieldType.KEY));
      }
    }
    return levels;
  }

  /** What a keyset cursor was made for: the table and every sort level with its direction. */
  public String signature() {
    StringBuilder text = new StringBuilder(table);
    for (Order level : levels()) {
      text.append('|').append(level.sql()).append(level.descending() ? " desc" : " asc");
    }
    return text.toString();
  }
}
