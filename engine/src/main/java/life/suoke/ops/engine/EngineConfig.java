package life.suoke.ops.engine;

import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * How to start an {@link Engine}: where its record log lives (a PostgreSQL data source, or a JDBC
 * URL), and where its gateways listen. Ports 0 pick free ports.
 *
 * @param host address the gateways bind to; loopback by default
 * @param authToken when set, gateway callers must present it as a bearer token and may come from
 *     anywhere; when unset, only loopback callers are accepted
 */
public record EngineConfig(
    DataSource dataSource,
    String jdbcUrl,
    String user,
    String password,
    String schema,
    String host,
    int grpcPort,
    int restPort,
    String authToken,
    LongSupplier clock) {

  public static EngineConfig of(String jdbcUrl, String user, String password) {
    return new EngineConfig(null, jdbcUrl, user, password, "engine", "127.0.0.1", 0, 0, null, System::currentTimeMillis);
  }

  public static EngineConfig of(DataSource dataSource) {
    return new EngineConfig(dataSource, null, null, null, "engine", "127.0.0.1", 0, 0, null, System::currentTimeMillis);
  }

  public EngineConfig withPorts(int grpc, int rest) {
    return new EngineConfig(dataSource, jdbcUrl, user, password, schema, host, grpc, rest, authToken, clock);
  }

  public EngineConfig withSchema(String name) {
    return new EngineConfig(dataSource, jdbcUrl, user, password, name, host, grpcPort, restPort, authToken, clock);
  }

  public EngineConfig withHost(String address, String token) {
    return new EngineConfig(dataSource, jdbcUrl, user, password, schema, address, grpcPort, restPort, token, clock);
  }
}
