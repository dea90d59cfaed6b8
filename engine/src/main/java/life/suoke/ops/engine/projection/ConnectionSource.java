package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/** Where the projection's own connections come from: the engine's data source or JDBC URL. */
@FunctionalInterface
public interface ConnectionSource {

  Connection open() throws SQLException;

  static ConnectionSource of(DataSource dataSource) {
    return dataSource::getConnection;
  }

  static ConnectionSource of(String jdbcUrl, String user, String password) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    props.setProperty("ApplicationName", "suoke-ops-engine-projection");
    return () -> DriverManager.getConnection(jdbcUrl, props);
  }
}
