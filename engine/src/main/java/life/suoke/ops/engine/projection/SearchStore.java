package life.suoke.ops.engine.projection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs searches against the projection on a few threads of its own (JDBC blocks, and must not block
 * the HTTP event loops or the engine), each with its own connection, kept open and replaced when it
 * fails.
 */
public final class SearchStore implements AutoCloseable {

  private static final int THREADS = 4;

  /** Up to this many matches, a page is read by finding every match and sorting them. */
  static final long SPARSE_ROWS = 2_000;

  /**
   * Totals are counted up to this many matches, as a Camunda cluster's search counts them (its
   * search index's default tracking of total hits): past it, the total is this number and the
   * result says there are more. A first page over a million rows then reads at most this many index
   * entries to count them, not a million.
   */
  public static final long TOTAL_LIMIT = 10_000;

  /**
   * Tables whose totals are always exact: the inbox adds and subtracts the totals of disjoint task
   * searches into its views' counts, which a bounded total would break; its counts by candidate
   * group come off their own small index.
   */
  private static final java.util.Set<String> EXACT_TOTALS = java.util.Set.of("user_task");

  private final ConnectionSource connections;
  private final long sparseRows;
  private final long totalLimit;
  private final String schemaPrefix;
  private final ExecutorService executor;
  private final List<Connection> opened = new ArrayList<>();
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();

  public SearchStore(ConnectionSource connections, String schema) {
    this(connections, schema, SPARSE_ROWS, TOTAL_LIMIT);
  }

  /**
   * @param sparseRows up to this many matches, a page is read by finding every match and sorting
   *     them
   * @param totalLimit totals are counted up to this many matches (see {@link #TOTAL_LIMIT})
   */
  SearchStore(ConnectionSource connections, String schema, long sparseRows, long totalLimit) {
    this.sparseRows = sparseRows;
    this.totalLimit = totalLimit;
    this.connections = connections;
    this.schemaPrefix = '"' + schema + "\".";
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "suoke-search-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The page of matching rows and the number of all matching rows. */
  public CompletableFuture<SearchResult> search(TableQuery query) {
    return CompletableFuture.supplyAsync(() -> withConnection(c -> run(c, query)), executor);
  }

  /**
   * A page of a batch operation's items: the process instances matching the conditions (over {@code
   * process_instance t}), or with {@code incidents} their active incidents, each as {item key,
   * process instance key}, in key order after {@code afterKey}.
   */
  public CompletableFuture<List<long[]>> batchItems(
      boolean incidents, List<Condition> conditions, long afterKey, int limit) {
    return CompletableFuture.supplyAsync(
        () ->
            withConnection(
                c -> {
                  SqlConditions where = new SqlConditions(conditions);
                  String matching = " FROM " + schemaPrefix + "process_instance t" + where.where();
                  String sql =
                      incidents
                          ? "SELECT i.incident_key, i.process_instance_key FROM "
                              + schemaPrefix
                              + "incident i"
                              + " WHERE i.process_instance_key IN (SELECT t.process_instance_key"
                              + matching
                              + ")"
                              + " AND i.state = 'ACTIVE' AND i.incident_key > ? ORDER BY i.incident_key LIMIT ?"
                          : "SELECT t.process_instance_key, t.process_instance_key"
                              + matching
                              + (where.where().isEmpty() ? " WHERE " : " AND ")
                              + "t.process_instance_key > ? ORDER BY t.process_instance_key LIMIT ?";
                  List<long[]> items = new ArrayList<>();
                  try (PreparedStatement ps = c.prepareStatement(sql(sql))) {
                    int next = where.bind(c, ps, 1);
                    ps.setLong(next++, afterKey);
                    ps.setInt(next, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                      while (rs.next()) {
                        items.add(new long[] {rs.getLong(1), rs.getLong(2)});
                      }
                    }
                  }
                  return items;
                }),
        executor);
  }

  private SearchResult run(Connection c, TableQuery q) throws SQLException {
    SqlConditions conditions = new SqlConditions(q.conditions());
    String table = " FROM " + schemaPrefix + q.table() + " t" + conditions.where();
    UserTaskGroupCount.Count byGroup = UserTaskGroupCount.of(q);
    boolean exact = byGroup != null || EXACT_TOTALS.contains(q.table());
    long counted = count(c, byGroup, exact, conditions, table);
    boolean more = !exact && counted > totalLimit;
    long total = more ? totalLimit : counted;
    List<TableQuery.Order> levels = q.levels();
    List<String> select = new ArrayList<>(q.select());
    for (int i = 0; i < levels.size(); i++) {
      select.add(levels.get(i).sql() + " AS " + KeysetCursor.ALIAS + i);
    }
    TableQuery.Keyset keyset = q.keyset();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (q.limit() > 0 && total > 0 && keyset != null) {
      rows = keysetPage(c, q, conditions, table, select, levels, keyset, total <= sparseRows);
    } else if (q.limit() > 0 && (more || q.offset() < total)) {
      // Few matches: find them all (through whichever index suits the conditions), then sort.
      // Reading a sort-order index until the page is full is the right plan only when matches are
      // dense; when they are sparse it reads most of the table, and the planner cannot tell (it
      // guesses array conditions at 0.5 %, so 0 or 600 matches of 100,000 look alike).
      String source = total <= sparseRows ? " FROM (SELECT *" + table + " OFFSET 0) t" : table;
      String sql =
          "SELECT "
              + String.join(", ", select)
              + source
              + orderBy(levels(levels, false))
              + " LIMIT ? OFFSET ?";
      try (PreparedStatement ps = c.prepareStatement(sql(sql))) {
        int next = conditions.bind(c, ps, 1);
        ps.setInt(next++, q.limit());
        ps.setInt(next, q.offset());
        read(ps, rows);
      }
    }
    if (keyset == null && q.offset() == 0 && rows.size() < q.limit()) {
      total = rows.size(); // the page holds every match: the total agrees with it
    }
    return new SearchResult(rows, total, more);
  }

  /**
   * One sort level as a page query runs it: nulls last in the requested order, first when it is
   * read backwards.
   */
  private record Level(String sql, boolean descending, boolean nullsFirst, FieldType type) {}

  private static List<Level> levels(List<TableQuery.Order> order, boolean backwards) {
    List<Level> levels = new ArrayList<>();
    for (TableQuery.Order o : order) {
      levels.add(new Level(o.sql(), o.descending() != backwards, backwards, o.type()));
    }
    return levels;
  }

  private static String orderBy(List<Level> levels) {
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      order
          .append(i == 0 ? "" : ", ")
          .append(level.sql())
          .append(level.descending() ? " DESC" : " ASC")
          .append(level.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }
    return order.toString();
  }

  /**
   * A part of the rows past a keyset: equal to its values on the first levels, then past it on one.
   */
  private record Branch(String sql, List<Object[]> params) {}

  /**
   * The rows after (or, read backwards, before) a keyset row, as disjoint branches that an index
   * serves each with one range: for every level, the rows equal on the levels before it and past it
   * on this one (greater or smaller as the level sorts, and the nulls where they come after), so
   * the next page reads {@code limit} rows of the sort-order index, at any depth.
   */
  private static List<Branch> branches(List<Level> levels, List<Object> values) {
    List<Branch> branches = new ArrayList<>();
    StringBuilder prefix = new StringBuilder();
    List<Object[]> prefixParams = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Level level = levels.get(i);
      Object value = values.get(i);
      String and = prefix.isEmpty() ? "" : prefix + " AND ";
      if (value != null) {
        List<Object[]> params = new ArrayList<>(prefixParams);
        params.add(new Object[] {value, level.type()});
        branches.add(
            new Branch(and + level.sql() + (level.descending() ? " < ?" : " > ?"), params));
        if (!level.nullsFirst()) {
          branches.add(new Branch(and + level.sql() + " IS NULL", new ArrayList<>(prefixParams)));
        }
        prefix.append(prefix.isEmpty() ? "" : " AND ").append(level.sql()).append(" = ?");
        prefixParams.add(new Object[] {value, level.type()});
      } else {
        if (level.nullsFirst()) {
          branches.add(
              new Branch(and + level.sql() + " IS NOT NULL", new ArrayList<>(prefixParams)));
        }
        prefix.append(prefix.isEmpty() ? "" : " AND ").append(level.sql()).append(" IS NULL");
      }
    }
    return branches;
  }

  private List<Map<String, Object>> keysetPage(
      Connection c,
      TableQuery q,
      SqlConditions conditions,
      String table,
      List<String> select,
      List<TableQuery.Order> order,
      TableQuery.Keyset keyset,
      boolean sparse)
      throws SQLException {
    List<Level> levels = levels(order, keyset.before());
    List<Branch> branches = branches(levels, keyset.values());
    List<Map<String, Object>> rows = new ArrayList<>();
    if (branches.isEmpty()) {
      return rows;
    }
    String orderBy = orderBy(levels);
    String sql;
    if (sparse) {
      // few matches: all of them, then the keyset condition and the sort (see run)
      StringBuilder past = new StringBuilder();
      for (Branch branch : branches) {
        past.append(past.isEmpty() ? "(" : " OR (").append(branch.sql()).append(')');
      }
      sql =
          "SELECT "
              + String.join(", ", select)
              + " FROM (SELECT *"
              + table
              + " OFFSET 0) t WHERE "
              + past
              + orderBy
              + " LIMIT ?";
    } else {
      // each branch read off the sort-order index up to a page, then the page of all of them
      String glue = conditions.where().isEmpty() ? " WHERE " : " AND ";
      StringBuilder parts = new StringBuilder();
      for (Branch branch : branches) {
        parts
            .append(parts.isEmpty() ? "" : " UNION ALL ")
            .append("(SELECT t.*")
            .append(table)
            .append(glue)
            .append(branch.sql())
            .append(orderBy)
            .append(" LIMIT ?)");
      }
      sql =
          "SELECT " + String.join(", ", select) + " FROM (" + parts + ") t" + orderBy + " LIMIT ?";
    }
    try (PreparedStatement ps = c.prepareStatement(sql(sql))) {
      int next = 1;
      if (sparse) {
        next = conditions.bind(c, ps, next);
        for (Branch branch : branches) {
          next = bind(ps, next, branch.params());
        }
      } else {
        for (Branch branch : branches) {
          next = conditions.bind(c, ps, next);
          next = bind(ps, next, branch.params());
          ps.setInt(next++, q.limit());
        }
      }
      ps.setInt(next, q.limit());
      read(ps, rows);
    }
    if (keyset.before()) {
      java.util.Collections.reverse(
          rows); // read backwards from the cursor: back into the requested order
    }
    return rows;
  }

  private static int bind(PreparedStatement ps, int first, List<Object[]> params)
      throws SQLException {
    int index = first;
    for (Object[] param : params) {
      Object value = param[0];
      switch ((FieldType) param[1]) {
        case KEY -> ps.setLong(index++, ((Number) value).longValue());
        case INT -> ps.setInt(index++, ((Number) value).intValue());
        case BOOL -> ps.setBoolean(index++, (Boolean) value);
        case DATE -> ps.setObject(index++, value, Types.TIMESTAMP_WITH_TIMEZONE);
        default -> ps.setString(index++, value.toString());
      }
    }
    return index;
  }

  private static void read(PreparedStatement ps, List<Map<String, Object>> rows)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(row(rs));
      }
    }
  }

  /**
   * The number of matching rows, counted first (it decides how the page is read, and none is read
   * past it) up to one more than the total limit, or exactly (see {@link #EXACT_TOTALS}).
   */
  private long count(
      Connection c,
      UserTaskGroupCount.Count byGroup,
      boolean exact,
      SqlConditions conditions,
      String table)
      throws SQLException {
    String counting =
        byGroup != null
            ? byGroup.sql(schemaPrefix)
            : exact
                ? "SELECT count(*)" + table
                : "SELECT count(*) FROM (SELECT 1"
                    + table
                    + " LIMIT "
                    + (totalLimit + 1)
                    + ") matching";
    try (PreparedStatement ps = c.prepareStatement(sql(counting))) {
      if (byGroup != null) {
        byGroup.bind(c, ps);
      } else {
        conditions.bind(c, ps, 1);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private String sql(String text) {
    return text.replace("{s}", schemaPrefix);
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      Object value;
      int type = meta.getColumnType(i);
      if (type == Types.TIMESTAMP_WITH_TIMEZONE
          || "timestamptz".equals(meta.getColumnTypeName(i))) {
        value = rs.getObject(i, OffsetDateTime.class);
      } else if (type == Types.ARRAY) {
        Array array = rs.getArray(i);
        value = array == null ? null : Arrays.asList((Object[]) array.getArray());
      } else {
        value = rs.getObject(i);
      }
      row.put(meta.getColumnLabel(i), value);
    }
    return row;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T withConnection(Work<T> work) {
    Connection c = connection.get();
    try {
      if (c == null) {
        c = connections.open();
        c.setAutoCommit(true);
        c.setReadOnly(true);
        customPlans(c);
        connection.set(c);
        synchronized (opened) {
          opened.add(c);
        }
      }
      return work.run(c);
    } catch (SQLException e) {
      connection.remove();
      closeQuietly(c);
      throw new IllegalStateException("The search could not be run: " + e.getMessage(), e);
    }
  }

  /**
   * Plans every search for its own parameters. The driver prepares a statement on the server after
   * a few runs, and PostgreSQL may then keep one generic plan for all parameters, which it costs
   * with guessed selectivities: for a page of a group's tasks, sorting all 30,000 of them (40 ms)
   * instead of reading the first ones off the sort-order index (under 1 ms).
   */
  private static void customPlans(Connection c) throws SQLException {
    try (java.sql.Statement st = c.createStatement()) {
      st.execute("SET plan_cache_mode = force_custom_plan");
    } catch (SQLException olderThan12) {
      // PostgreSQL before 12 has no such setting; it keeps choosing plans as it does
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // replaced anyway
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (opened) {
      opened.forEach(SearchStore::closeQuietly);
      opened.clear();
    }
  }
}
