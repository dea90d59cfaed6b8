package life.suoke.ops.engine.projection;

import java.util.List;

/**
 * A search over one projection table: the selected expressions (each {@code expr AS alias}),
 * the conditions (all must hold), the order, and the page. The key column breaks ties so that
 * paging is stable.
 */
public record TableQuery(
    String table, String keyColumn, List<String> select, List<Condition> conditions, List<Order> order, int offset, int limit) {

  public record Order(String sql, boolean descending) {}
}
