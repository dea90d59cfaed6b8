package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import life.suoke.ops.engine.log.BinaryCopy;

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
 *
 * <p>A row that the page creates (its entity's first record is in the page: {@link #putNew}) cannot
 * be in the table yet, unless the page is applied a second time after a crash. When a page creates
 * {@value #COPY_FROM} rows or more, they go in as one binary {@code COPY}, which inserts a heap
 * page of rows at a time and parses no arrays or timestamps, and only the rest are upserted. If the
 * table already has one of them (a page applied again), the copy is rolled back to a savepoint and
 * its rows are upserted with the rest, so the result is the same either way.
 */
final class TableWriter {

  enum Merge {
    LATEST_NON_NULL,
    KEEP_FIRST,
    OVERWRITE
  }

  /** {@link #put} or {@link #putNew} of one writer, as a projector picks it for a record. */
  @FunctionalInterface
  interface Put {
    void row(Object... values);
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

  /** The fewest created rows that a page copies rather than upserts. */
  static final int COPY_FROM = 64;

  private final List<Column> columns;
  private final int keyColumns;
  private final String sql;
  private final String copySql;
  private final Map<Object, Object[]> pending = new LinkedHashMap<>();
  private final Set<Object> created = new LinkedHashSet<>();
  private long copiedRows;
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
    this.copySql =
        columns.stream().anyMatch(c -> c.sqlType() == Types.ARRAY)
            ? null
            : "COPY " + qualifiedTable + " (" + names + ") FROM STDIN (FORMAT binary)";
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
    merge(key(values), values);
  }

  /**
   * Like {@link #put}, for the record that creates the row's entity (an element instance's
   * ELEMENT_ACTIVATING, a job's CREATED): unless the page already changed the key, the row is new.
   */
  void putNew(Object... values) {
    Object key = key(values);
    boolean first = !pending.containsKey(key) && !deleted.contains(key);
    merge(key, values);
    if (first) {
      created.add(key);
    }
  }

  private Object key(Object[] values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " values, got " + values.length);
    }
    return keyColumns == 1 ? values[0] : List.of(java.util.Arrays.copyOf(values, keyColumns));
  }

  private void merge(Object key, Object[] values) {
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
    created.remove(key);
    deleted.add(key);
  }

  /** The keys of the rows the page changes so far. */
  List<Object> pendingKeys() {
    return new ArrayList<>(pending.keySet());
  }

  void flush(Connection c) throws SQLException {
    if (!pending.isEmpty()) {
      Collection<Object[]> rows = pending.values();
      if (copySql != null && created.size() >= COPY_FROM && copied(c)) {
        created.forEach(pending::remove);
        rows = pending.values();
      }
      if (!rows.isEmpty()) {
        upsert(c, rows);
      }
      pending.clear();
      created.clear();
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
    created.clear();
    deleted.clear();
  }

  private void upsert(Connection c, Collection<Object[]> rows) throws SQLException {
    Object[][] byColumn = new Object[columns.size()][];
    for (int i = 0; i < byColumn.length; i++) {
      byColumn[i] = newColumn(columns.get(i), rows.size());
    }
    int r = 0;
    for (Object[] row : rows) {
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
  }

  /**
   * Copies the created rows; false, with nothing written, if the table already has one of them (a
   * page applied again).
   */
  private boolean copied(Connection c) throws SQLException {
    BinaryCopy out = new BinaryCopy(created.size() * columns.size() * 16);
    for (Object key : created) {
      Object[] row = pending.get(key);
      out.row(row.length);
      for (int i = 0; i < row.length; i++) {
        field(out, columns.get(i), row[i]);
      }
    }
    byte[] bytes = out.finish();
    Savepoint before = c.setSavepoint();
    try {
      BinaryCopy.copyIn(c, copySql, bytes);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(before);
      return false;
    }
    c.releaseSavepoint(before);
    copiedRows += created.size();
    return true;
  }

  /** How many rows this writer copied rather than upserted, in pages that were written. */
  long copiedRows() {
    return copiedRows;
  }

  private static final String UNIQUE_VIOLATION = "23505";

  private static void field(BinaryCopy out, Column column, Object value) {
    if (value == null) {
      out.nullField();
      return;
    }
    switch (column.sqlType()) {
      case Types.BIGINT -> out.int8(((Number) value).longValue());
      case Types.INTEGER -> out.int4(((Number) value).intValue());
      case Types.BOOLEAN -> out.bool((Boolean) value);
      case Types.TIMESTAMP_WITH_TIMEZONE ->
          out.timestamptz(
              value instanceof OffsetDateTime t ? t : OffsetDateTime.parse(value.toString()));
      default -> out.text(value.toString());
    }
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
