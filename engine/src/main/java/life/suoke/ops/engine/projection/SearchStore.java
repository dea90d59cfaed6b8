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

  private SearchResult run(Connection c, TableQuery q) throws SQLException {
    SqlConditions conditions = new SqlConditions(q.conditions());
    String from = " FROM " + schemaPrefix + q.table() + " t" + conditions.where();
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (TableQuery.Order o : q.order()) {
      order.append(o.sql()).append(o.descending() ? " DESC" : " ASC").append(" NULLS LAST, ");
    }
    order.append("t.").append(q.keyColumn()).append(" ASC");
    String select = "SELECT " + String.join(", ", q.select()) + from + order + " LIMIT ? OFFSET ?";
    List<Map<String, Object>> rows = new ArrayList<>();
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
    long total;
    if (q.offset() == 0 && rows.size() < q.limit()) {
      total = rows.size();
    } else {
      UserTaskGroupCount.Count byGroup = UserTaskGroupCount.of(q);
      try (PreparedStatement ps = c.prepareStatement(sql(byGroup != null ? byGroup.sql(schemaPrefix) : "SELECT count(*)" + from))) {
        if (byGroup != null) {
          byGroup.bind(c, ps);
        } else {
          conditions.bind(c, ps, 1);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
    }
    return new SearchResult(rows, total);
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
