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
 * Runs searches against the projection on a few threads of its own (JDBC blocks, and must not
 * block the HTTP event loops or the engine), each with its own connection, kept open and replaced
 * when it fails.
 */
public final class SearchStore implements AutoCloseable {

  private static final int THREADS = 4;
  /** Up to this many matches, a page is read by finding every match and sorting them. */
  static final long SPARSE_ROWS = 2_000;

  private final ConnectionSource connections;
  private final String schemaPrefix;
  private final ExecutorService executor;
  private final List<Connection> opened = new ArrayList<>();
  private final ThreadLocal<Connection> connection = new ThreadLocal<>();

  public SearchStore(ConnectionSource connections, String schema) {
    this.connections = connections;
    this.schemaPrefix = '"' + schema + "\".";
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(THREADS, r -> {
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
   * A page of a batch operation's items: the process instances matching the conditions (over
   * {@code process_instance t}), or with {@code incidents} their active incidents, each as
   * {item key, process instance key}, in key order after {@code afterKey}.
   */
  public CompletableFuture<List<long[]>> batchItems(boolean incidents, List<Condition> conditions, long afterKey, int limit) {
    return CompletableFuture.supplyAsync(() -> withConnection(c -> {
      SqlConditions where = new SqlConditions(conditions);
      String matching = " FROM " + schemaPrefix + "process_instance t" + where.where();
      String sql = incidents
          ? "SELECT i.incident_key, i.process_instance_key FROM " + schemaPrefix + "incident i"
              + " WHERE i.process_instance_key IN (SELECT t.process_instance_key" + matching + ")"
              + " AND i.state = 'ACTIVE' AND i.incident_key > ? ORDER BY i.incident_key LIMIT ?"
          : "SELECT t.process_instance_key, t.process_instance_key" + matching
              + (where.where().isEmpty() ? " WHERE " : " AND ") + "t.process_instance_key > ? ORDER BY t.process_instance_key LIMIT ?";
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
    }), executor);
  }

  private SearchResult run(Connection c, TableQuery q) throws SQLException {
    SqlConditions conditions = new SqlConditions(q.conditions());
    String table = " FROM " + schemaPrefix + q.table() + " t" + conditions.where();
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (TableQuery.Order o : q.order()) {
      order.append(o.sql()).append(o.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
    }
    order.append("t.").append(q.keyColumn()).append(" ASC");
    long total = count(c, q, conditions, table);
    List<Map<String, Object>> rows = new ArrayList<>();
    if (q.limit() > 0 && q.offset() < total) {
      // Few matches: find them all (through whichever index suits the conditions), then sort.
      // Reading a sort-order index until the page is full is the right plan only when matches are
      // dense; when they are sparse it reads most of the table, and the planner cannot tell (it
      // guesses array conditions at 0.5 %, so 0 or 600 matches of 100,000 look alike).
      String source = total <= SPARSE_ROWS ? " FROM (SELECT *" + table + " OFFSET 0) t" : table;
      String select = "SELECT " + String.join(", ", q.select()) + source + order + " LIMIT ? OFFSET ?";
      try (PreparedStatement ps = c.prepareStatement(sql(select))) {
        int next = conditions.bind(c, ps, 1);
        ps.setInt(next++, q.limit());
        ps.setInt(next, q.offset());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(row(rs));
          }
        }
      }
    }
    if (q.offset() == 0 && rows.size() < q.limit()) {
      total = rows.size(); // the page holds every match: the total agrees with it
    }
    return new SearchResult(rows, total);
  }

  /** The number of all matching rows, counted first: it decides how the page is read, and none is read past it. */
  private long count(Connection c, TableQuery q, SqlConditions conditions, String table) throws SQLException {
    UserTaskGroupCount.Count byGroup = UserTaskGroupCount.of(q);
    try (PreparedStatement ps = c.prepareStatement(sql(byGroup != null ? byGroup.sql(schemaPrefix) : "SELECT count(*)" + table))) {
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
      if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(meta.getColumnTypeName(i))) {
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
