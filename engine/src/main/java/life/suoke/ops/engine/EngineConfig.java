package life.suoke.ops.engine;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import life.suoke.ops.engine.exporter.ExportGate;
import life.suoke.ops.engine.log.RecordLog;

/**
 * How to start an {@link Engine}: where its record log lives (a PostgreSQL data source, or a JDBC
 * URL), and where its gateways listen. Ports 0 pick free ports.
 *
 * @param host address the gateways bind to; loopback by default
 * @param authToken when set, gateway callers must present it as a bearer token and may come from
 *     anywhere; when unset, only loopback callers are accepted
 * @param clockControl whether the clock API ({@code PUT /v2/clock}, {@code POST /v2/clock/reset})
 *     is served; off by default, as Zeebe's clock is fixed unless {@code zeebe.clock.controlled} is
 *     set (a pinned clock would fire or stall every timer)
 * @param exportBound exporters the engine must not run ahead of, and by how much (see {@link
 *     ExportGate}); none when null
 * @param snapshotPeriod how often the state is written as a snapshot (and the log below it moved to
 *     its archive); zero for only at shutdown. A start loads the newest snapshot and replays the
 *     records after it.
 * @param logSegmentRecords how many positions a segment of the record log spans: compaction moves
 *     whole segments to the archive (see {@link life.suoke.ops.engine.log.RecordLog})
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
    LongSupplier clock,
    boolean clockControl,
    ExportGate.Bound exportBound,
    Duration snapshotPeriod,
    long logSegmentRecords) {

  /** How often the state is written as a snapshot by default (Zeebe's default period too). */
  public static final Duration DEFAULT_SNAPSHOT_PERIOD = Duration.ofMinutes(5);

  public static EngineConfig of(String jdbcUrl, String user, String password) {
    return defaults(null, jdbcUrl, user, password);
  }

  public static EngineConfig of(DataSource dataSource) {
    return defaults(dataSource, null, null, null);
  }

  private static EngineConfig defaults(
      DataSource dataSource, String jdbcUrl, String user, String password) {
    return new EngineConfig(
        dataSource,
        jdbcUrl,
        user,
        password,
        "engine",
        "127.0.0.1",
        0,
        0,
        null,
        System::currentTimeMillis,
        false,
        null,
        DEFAULT_SNAPSHOT_PERIOD,
        RecordLog.DEFAULT_SEGMENT_RECORDS);
  }

  public EngineConfig withPorts(int grpc, int rest) {
    return with(
        b -> {
          b.grpcPort = grpc;
          b.restPort = rest;
        });
  }

  public EngineConfig withSchema(String name) {
    return with(b -> b.schema = name);
  }

  public EngineConfig withHost(String address, String token) {
    return with(
        b -> {
          b.host = address;
          b.authToken = token;
        });
  }

  /** Serves the clock API (pin and reset), for tests that move time. */
  public EngineConfig withClockControl(boolean enabled) {
    return with(b -> b.clockControl = enabled);
  }

  /** Holds new commands back while one of these exporters is more than the bound's lag behind. */
  public EngineConfig withExportBound(ExportGate.Bound bound) {
    return with(b -> b.exportBound = bound);
  }

  /**
   * Writes a state snapshot this often (besides the one at shutdown); zero writes one only at
   * shutdown.
   */
  public EngineConfig withSnapshotPeriod(Duration period) {
    if (period == null || period.isNegative()) {
      throw new IllegalArgumentException("snapshot period must be zero or positive: " + period);
    }
    return with(b -> b.snapshotPeriod = period);
  }

  /** Segments of the record log span this many positions (a million by default). */
  public EngineConfig withLogSegmentRecords(long records) {
    if (records < 2) {
      throw new IllegalArgumentException("a log segment spans at least 2 positions: " + records);
    }
    return with(b -> b.logSegmentRecords = records);
  }

  /** This configuration with the change made to a copy of its fields. */
  private EngineConfig with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.config();
  }

  /** The fields of a configuration, to change a copy of it in one place. */
  private static final class Fields {
    DataSource dataSource;
    String jdbcUrl;
    String user;
    String password;
    String schema;
    String host;
    int grpcPort;
    int restPort;
    String authToken;
    LongSupplier clock;
    boolean clockControl;
    ExportGate.Bound exportBound;
    Duration snapshotPeriod;
    long logSegmentRecords;

    Fields(EngineConfig c) {
      dataSource = c.dataSource;
      jdbcUrl = c.jdbcUrl;
      user = c.user;
      password = c.password;
      schema = c.schema;
      host = c.host;
      grpcPort = c.grpcPort;
      restPort = c.restPort;
      authToken = c.authToken;
      clock = c.clock;
      clockControl = c.clockControl;
      exportBound = c.exportBound;
      snapshotPeriod = c.snapshotPeriod;
      logSegmentRecords = c.logSegmentRecords;
    }

    EngineConfig config() {
      return new EngineConfig(
          dataSource,
          jdbcUrl,
          user,
          password,
          schema,
          host,
          grpcPort,
          restPort,
          authToken,
          clock,
          clockControl,
          exportBound,
          snapshotPeriod,
          logSegmentRecords);
    }
  }
}
