package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Collects a page's changes to one table, merged per key in memory (an element instance's four
 * lifecycle records become one row), then writes them in one upsert: each column's values as one
 * array, unnested into rows. By default a null value means "not known from this record" and never
 * overwrites, so the latest non-null value wins; keep-first columns (start dates) keep their first
 * value; overwrite columns take every value, null included (attributes that every record of the
 * entity carries and that can be cleared, such as a user task's due date). Applying the same
 * records again gives the same rows, which is what at-least-once export needs. A row can also be
 * deleted (a deleted process definition): deletes run after the page's upserts, and a row put again
 * after its delete is kept.
 */
final class TableWriter {

  enum Merge {
    LATEST_NON_NULL,
    KEEP_FIRST,
    OVERWRITE
  }

  /** A column: its SQL type (for nulls), and how a new value merges with the one there. */
  record Column(String name, int sqlType, Merge merge) {
    static Column of(String name, int sqlType) {
      return new Column(name, sqlType, Merge.LATEST_NON_NULL);
    }

    static Column first(String name, int sqlType) {
      return new Column(name, sqlType, Merge.KEEP_FIRST);
    }

    static Column overwrite(String name, int sqlType) {
      return new Column(name, sqlType, Merge.OVERWRITE);
    }

    String update() {
      return name
          + " = "
          + switch (merge) {
            case KEEP_FIRST -> "COALESCE(t." + name + ", EXCLUDED." + name + ")";
            case OVERWRITE -> "EXCLUDED." + name;
            case LATEST_NON_NULL -> "COALESCE(EXCLUDED." + name + ", t." + name + ")";
          };
    }
  }

  private final List<Column> columns;
  private final int keyColumns;
  private final String sql;
  private final Map<Object, Object[]> pending = new LinkedHashMap<>();
  private final String deleteSql;
  private final Set<Object> deleted = new LinkedHashSet<>();

  /** The first column is the primary key. */
  TableWriter(String qualifiedTable, List<Column> columns) {
    this(qualifiedTable, 1, columns);
  }

  /** The first {@code keyColumns} columns are the primary key. */
  TableWriter(String qualifiedTable, int keyColumns, List<Column> columns) {
    this.columns = List.copyOf(columns);
    this.keyColumns = keyColumns;
    String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    String keys =
        columns.stream().limit(keyColumns).map(Column::name).collect(Collectors.joining(", "));
    String updates =
        columns.stream().skip(keyColumns).map(Column::update).collect(Collectors.joining(", "));
    // One statement per page and table: the page's rows go in as one array per column, unnested
    // into rows (a batch of single-row upserts costs the database an execution per row).
    String select =
        IntStream.range(0, columns.size())
            .mapToObj(i -> "u.c" + i + rowCast(columns.get(i)))
            .collect(Collectors.joining(", "));
    String arrays =
        columns.stream().map(c -> "?::" + arrayType(c)).collect(Collectors.joining(", "));
    String aliases =
        IntStream.range(0, columns.size()).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
    this.sql =
        "INSERT INTO "
            + qualifiedTable
            + " AS t ("
            + names
            + ") SELECT "
            + select
            + " FROM unnest("
            + arrays
            + ") AS u("
            + aliases
            + ") ON CONFLICT ("
            + keys
            + ") DO UPDATE SET "
            + updates;
    this.deleteSql =
        "DELETE FROM "
            + qualifiedTable
            + " WHERE "
            + columns.get(0).name()
            + " = ANY (?::"
            + arrayType(columns.get(0))
            + ")";
  }

  /** Merges a row (values in column order, the key first) into the page's pending rows. */
  void put(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " values, got " + values.length);
    }
    Object key = keyColumns == 1 ? values[0] : List.of(java.util.Arrays.copyOf(values, keyColumns));
    deleted.remove(key);
    Object[] existing = pending.get(key);
    if (existing == null) {
      pending.put(key, values.clone());
      return;
    }
    for (int i = keyColumns; i < values.length; i++) {
      switch (columns.get(i).merge()) {
        case OVERWRITE -> existing[i] = values[i];
        case KEEP_FIRST -> existing[i] = existing[i] != null ? existing[i] : values[i];
        case LATEST_NON_NULL -> existing[i] = values[i] != null ? values[i] : existing[i];
      }
    }
  }

  /**
   * Deletes the row of a key (tables with a one-column key): whatever the page put for it is
   * dropped.
   */
  void delete(Object key) {
    if (keyColumns != 1) {
      throw new IllegalStateException("rows are deleted by a one-column key only");
    }
    pending.remove(key);
    deleted.add(key);
  }

  /** The keys of the rows the page changes so far. */
  List<Object> pendingKeys() {
    return new ArrayList<>(pending.keySet());
  }

  void flush(Connection c) throws SQLException {
    if (!pending.isEmpty()) {
      int rows = pending.size();
      Object[][] byColumn = new Object[columns.size()][];
      for (int i = 0; i < byColumn.length; i++) {
        byColumn[i] = newColumn(columns.get(i), rows);
      }
      int r = 0;
      for (Object[] row : pending.values()) {
        for (int i = 0; i < row.length; i++) {
          byColumn[i][r] = element(columns.get(i), row[i]);
        }
        r++;
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < byColumn.length; i++) {
          ps.setArray(i + 1, c.createArrayOf(elementType(columns.get(i)), byColumn[i]));
        }
        ps.executeUpdate();
      }
      pending.clear();
    }
    if (!deleted.isEmpty()) {
      Column key = columns.get(0);
      Object[] keys = newColumn(key, deleted.size());
      int r = 0;
      for (Object k : deleted) {
        keys[r++] = element(key, k);
      }
      try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
        ps.setArray(1, c.createArrayOf(elementType(key), keys));
        ps.executeUpdate();
      }
      deleted.clear();
    }
  }

  void clear() {
    pending.clear();
    deleted.clear();
  }

  /**
   * How a column's values travel: numbers and booleans as arrays of their type, everything else as
   * text (times and text arrays are cast back per row, see {@link #rowCast}).
   */
  private static String elementType(Column column) {
    return switch (column.sqlType()) {
      case Types.BIGINT -> "int8";
      case Types.INTEGER -> "int4";
      case Types.BOOLEAN -> "bool";
      default -> "text";
    };
  }

  private static String arrayType(Column column) {
    return elementType(column) + "[]";
  }

  private static String rowCast(Column column) {
    return switch (column.sqlType()) {
      case Types.TIMESTAMP_WITH_TIMEZONE -> "::timestamptz";
      case Types.ARRAY -> "::text[]";
      default -> "";
    };
  }

  private static Object[] newColumn(Column column, int rows) {
    return switch (column.sqlType()) {
      case Types.BIGINT -> new Long[rows];
      case Types.INTEGER -> new Integer[rows];
      case Types.BOOLEAN -> new Boolean[rows];
      default -> new String[rows];
    };
  }

  private static Object element(Column column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.sqlType()) {
      case Types.BIGINT -> ((Number) value).longValue();
      case Types.INTEGER -> ((Number) value).intValue();
      case Types.BOOLEAN -> (Boolean) value;
      case Types.ARRAY -> arrayLiteral((List<?>) value);
      // OffsetDateTime prints ISO 8601, which timestamptz reads
      default -> value.toString();
    };
  }

  /** A text array as PostgreSQL's array literal, every element quoted. */
  static String arrayLiteral(List<?> values) {
    StringBuilder literal = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        literal.append(',');
      }
      String v = String.valueOf(values.get(i));
      literal.append('"');
      for (int k = 0; k < v.length(); k++) {
        char ch = v.charAt(k);
        if (ch == '"' || ch == '\\') {
          literal.append('\\');
        }
        literal.append(ch);
      }
      literal.append('"');
    }
    return literal.append('}').toString();
  }
}
