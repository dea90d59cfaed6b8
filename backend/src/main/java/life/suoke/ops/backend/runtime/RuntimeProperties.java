package life.suoke.ops.backend.runtime;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which runtimes the application starts itself. {@code embedded} (the default) starts PostgreSQL
 * and a search node in this process with their data under {@link #dataDir()}; {@code external}
 * starts nothing and uses the standard {@code spring.datasource.*} and {@code
 * spring.elasticsearch.*} settings instead.
 */
@ConfigurationProperties("suoke")
public record RuntimeProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Database database,
    @DefaultValue Search search) {

  public enum Mode {
    EMBEDDED,
    EXTERNAL
  }

  /**
   * @param port 0 picks a free port at each start
   * @param dir data directory; defaults to {@code <dataDir>/postgres}
   * @param settings server settings the embedded PostgreSQL starts with (name to value, as in
   *     {@code postgresql.conf}); the durable ones cannot be changed
   */
  public record Database(
      @DefaultValue("embedded") Mode mode,
      @DefaultValue("0") int port,
      Path dir,
      @DefaultValue("postgres") String databaseName,
      Map<String, String> settings) {

    public Database {
      settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
  }

  /**
   * @param flavor what the search target is: {@code opensearch} turns on the client's header
   *     compatibility, {@code elasticsearch} leaves the client as it is
   * @param httpPort 0 picks a free port at each start
   */
  public record Search(
      @DefaultValue("embedded") Mode mode,
      @DefaultValue("opensearch") String flavor,
      @DefaultValue("0") int httpPort,
      Path dir) {}

  public Path databaseDir() {
    return database.dir() != null ? database.dir() : dataDir.resolve("postgres");
  }

  public Path searchDir() {
    return search.dir() != null ? search.dir() : dataDir.resolve("search");
  }
}
