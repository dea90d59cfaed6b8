package life.suoke.ops.backend.runtime;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * A few connections of their own on the application's database and user, for work that a request
 * must be able to do while it holds a connection of the application's pool: the audit writer, the
 * allocation of record numbers in short transactions of their own. If such work took its
 * connections from the same pool, a burst of requests could hold every one of them while waiting
 * for it, and it could never run. Outside a pooled application (a plain {@link DataSource}, as in
 * some tests) the application's data source is used as it is.
 */
public final class SideConnections implements AutoCloseable {

  private final DataSource dataSource;
  private final HikariDataSource own;
  private final boolean asynchronousCommit;

  /** {@code size} connections named {@code name} beside {@code application}'s pool. */
  public SideConnections(DataSource application, String name, int size) {
    this(application, name, size, false);
  }

  /**
   * {@code size} connections named {@code name} beside {@code application}'s pool; with {@code
   * asynchronousCommit}, their commits do not wait for the WAL flush ({@code synchronous_commit =
   * off} set once per connection), when they are connections of their own ({@link
   * #asynchronousCommit()}).
   */
  public SideConnections(
      DataSource application, String name, int size, boolean asynchronousCommit) {
    if (application instanceof HikariDataSource pool) {
      own = new HikariDataSource();
      own.setPoolName(name);
      own.setJdbcUrl(pool.getJdbcUrl());
      own.setUsername(pool.getUsername());
      own.setPassword(pool.getPassword());
      own.setMaximumPoolSize(size);
      own.setMinimumIdle(Math.min(1, size));
      if (asynchronousCommit) {
        own.setConnectionInitSql("SET synchronous_commit TO off");
      }
      this.asynchronousCommit = asynchronousCommit;
      dataSource = own;
    } else {
      this.asynchronousCommit = false;
      own = null;
      dataSource = application;
    }
  }

  /** The connections to use. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Whether every commit on {@link #dataSource()} is asynchronous already; when not, a caller that
   * wants one asks per transaction ({@code SET LOCAL synchronous_commit TO OFF}).
   */
  public boolean asynchronousCommit() {
    return asynchronousCommit;
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }
}
