package life.suoke.ops.backend.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Lets a role read (only) the tables of the engine's schema, those there now and those to come. */
final class EngineSchemaAccess {

  private EngineSchemaAccess() {}

  static void grantRead(DataSource owner, String schema, String role) throws SQLException {
    String identifier = "[a-z_][a-z0-9_]*";
    if (!schema.matches(identifier) || !role.matches(identifier)) {
      throw new IllegalArgumentException("schema and role must be plain lower-case identifiers");
    }
    try (Connection c = owner.getConnection();
        Statement s = c.createStatement()) {
      s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
      s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
      s.execute(
          "ALTER DEFAULT PRIVILEGES IN SCHEMA " + schema + " GRANT SELECT ON TABLES TO " + role);
    }
  }
}
