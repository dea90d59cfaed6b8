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

  /** {@code size} connections named {@code name} beside {@code application}'s pool. */
  public SideConnections(DataSource application, String name, int size) {
    if (application instanceof HikariDataSource pool) {
      own = new HikariDataSource();
      own.setPoolName(name);
      own.setJdbcUrl(pool.getJdbcUrl());
      own.setUsername(pool.getUsername());
      own.setPassword(pool.getPassword());
      own.setMaximumPoolSize(size);
      own.setMinimumIdle(Math.min(1, size));
      dataSource = own;
    } else {
      own = null;
      dataSource = application;
    }
  }

  /** The connections to use. */
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    if (own != null) {
      own.close();
    }
  }
}
