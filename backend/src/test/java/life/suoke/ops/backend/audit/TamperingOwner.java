package life.suoke.ops.backend.audit;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database's owner on a connection of its own (not the pool's: the setting must not outlive it)
 * whose triggers are off ({@code session_replication_role} replica): what a person with the owner's
 * password could do to the trail or the engine's log behind the application's back.
 */
final class TamperingOwner implements AutoCloseable {

  private final SingleConnectionDataSource connection;
  final JdbcTemplate jdbc;

  TamperingOwner(DataSource ownerDataSource) throws SQLException {
    HikariDataSource pool = (HikariDataSource) ownerDataSource;
    connection =
        new SingleConnectionDataSource(
            DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword()),
            true);
    jdbc = new JdbcTemplate(connection);
    jdbc.execute("SET session_replication_role = replica");
  }

  @Override
  public void close() {
    connection.destroy();
  }
}
