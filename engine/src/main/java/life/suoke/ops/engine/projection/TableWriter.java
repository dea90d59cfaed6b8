package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects a page's changes to one table, merged per key in memory (an element instance's four
 * lifecycle records become one row), then writes them as one batch of upserts. By default a null
 * value means "not known from this record" and never overwrites, so the latest non-null value wins;
 * keep-first columns (start dates) keep their first value; overwrite columns take every value, null
 * included (attributes that every record of the entity carries and that can be cleared, such as a
 * user task's due date). Applying the same records again gives the same rows, which is what
 * at-least-once export needs. A row can also be deleted (a deleted process definition): deletes run
 * after the page's upserts, and a row put again after its delete is kept.
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
    String params = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    String keys =
        columns.stream().limit(keyColumns).map(Column::name).collect(Collectors.joining(", "));
    String updates =
        columns.stream().skip(keyColumns).map(Column::update).collect(Collectors.joining(", "));
    this.sql =
        "INSERT INTO "
            + qualifiedTable
            + " AS t ("
            + names
            + ") VALUES ("
            + params
            + ")"
            + " ON CONFLICT ("
            + keys
            + ") DO UPDATE SET "
            + updates;
    this.deleteSql = "DELETE FROM " + qualifiedTable + " WHERE " + columns.get(0).name() + " = ?";
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
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (Object[] row : pending.values()) {
          for (int i = 0; i < row.length; i++) {
            bind(c, ps, i + 1, columns.get(i).sqlType(), row[i]);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      pending.clear();
    }
    if (!deleted.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(deleteSql)) {
        for (Object key : deleted) {
          bind(c, ps, 1, columns.get(0).sqlType(), key);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      deleted.clear();
    }
  }

  void clear() {
    pending.clear();
    deleted.clear();
  }

  private static void bind(Connection c, PreparedStatement ps, int index, int sqlType, Object value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType);
    } else if (value instanceof List<?> list) {
      ps.setArray(index, c.createArrayOf("text", list.stream().map(String::valueOf).toArray()));
    } else if (value instanceof OffsetDateTime time) {
      ps.setObject(index, time, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, value, sqlType);
    }
  }
}
