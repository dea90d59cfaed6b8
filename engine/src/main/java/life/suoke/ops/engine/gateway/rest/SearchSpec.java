package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import life.suoke.ops.engine.projection.FieldType;

/**
 * How one kind of entity is searched: its projection table, the API's filter and sort fields with
 * the SQL they stand for, and how a row becomes the API's result object.
 *
 * @param tieBreakers the SQL of the columns that make a row unique, in the order that breaks ties
 *     of the requested sort (the key column, unless a row is unique only with more)
 * @param variableScopes filter fields that match variables ({@code name} plus a value filter),
 *     mapped to the SQL of the variables' scope key
 */
record SearchSpec(
    String table,
    String keyColumn,
    List<String> tieBreakers,
    List<String> select,
    Map<String, Field> filters,
    Map<String, String> variableScopes,
    Map<String, String> sorts,
    Function<Map<String, Object>, Object> item,
    BiFunction<List<Object>, SearchQueryPageResponse, Object> page) {

  /** A filterable field: the SQL it stands for and its type. */
  record Field(String sql, FieldType type) {}

  /** The items of a page as the list type a generated result's {@code items(...)} takes. */
  @SuppressWarnings("unchecked")
  static <T> List<T> items(List<Object> items) {
    return (List<T>) (List<?>) items;
  }

  static Builder on(String table, String keyColumn) {
    return new Builder(table, keyColumn);
  }

  static final class Builder {
    private final String table;
    private final String keyColumn;
    private List<String> select = List.of("t.*");
    private List<String> tieBreakers;
    private final Map<String, Field> filters = new LinkedHashMap<>();
    private final Map<String, String> variableScopes = new LinkedHashMap<>();
    private final Map<String, String> sorts = new LinkedHashMap<>();

    private Builder(String table, String keyColumn) {
      this.table = table;
      this.keyColumn = keyColumn;
    }

    /** The columns that make a row unique, when the key column alone does not. */
    Builder tieBreakers(String... columns) {
      this.tieBreakers = List.of(columns);
      return this;
    }

    Builder select(String... expressions) {
      this.select = List.of(expressions);
      return this;
    }

    /** A field that can be filtered and sorted by. */
    Builder field(String name, String sql, FieldType type) {
      filters.put(name, new Field(sql, type));
      sorts.put(name, sql);
      return this;
    }

    Builder filterOnly(String name, String sql, FieldType type) {
      filters.put(name, new Field(sql, type));
      return this;
    }

    Builder variables(String name, String scopeSql) {
      variableScopes.put(name, scopeSql);
      return this;
    }

    SearchSpec build(
        Function<Map<String, Object>, Object> item,
        BiFunction<List<Object>, SearchQueryPageResponse, Object> page) {
      return new SearchSpec(
          table,
          keyColumn,
          tieBreakers == null ? List.of("t." + keyColumn) : tieBreakers,
          select,
          Map.copyOf(filters),
          Map.copyOf(variableScopes),
          Map.copyOf(sorts),
          item,
          page);
    }
  }
}
