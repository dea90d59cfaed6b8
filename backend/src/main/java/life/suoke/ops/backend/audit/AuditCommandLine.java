package life.suoke.ops.backend.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;
import life.suoke.ops.backend.runtime.EmbeddedDatabase;
import life.suoke.ops.backend.runtime.RuntimeProperties;
import life.suoke.ops.backend.runtime.audit.EngineLogEvents;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar suoke-ops.jar audit verify [--name=value ...]}: verifies the audit chain without
 * starting the application, and exits with 0 when the chain is intact, 1 when it is broken, 2 when
 * it could not be checked. The settings are the application's (application.yml, environment, {@code
 * --name=value} arguments), read by a Spring context that starts nothing.
 *
 * <ul>
 *   <li>Embedded database: while the application runs, its PostgreSQL's port is in {@code
 *       <data-dir>/postgres.port} and the check connects there; otherwise it starts the database
 *       from the data directory for the check and stops it again.
 *   <li>{@code suoke.database.mode=external}: it connects with {@code spring.datasource.*}.
 * </ul>
 */
public final class AuditCommandLine {

  public static final int VALID = 0;
  public static final int BROKEN = 1;
  public static final int FAILED = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Settings only: no component scan, no auto-configuration. */
  @Configuration(proxyBeanMethods = false)
  static class Settings {}

  private AuditCommandLine() {}

  /** Whether the arguments ask for the audit command rather than the application. */
  public static boolean handles(String[] args) {
    return args.length > 0 && "audit".equals(args[0]);
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs {@code audit <command> [--name=value ...]}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length > 1 ? args[1] : "";
    if (!"verify".equals(command)) {
      err.println(
          "usage: java -jar suoke-ops.jar audit verify [--suoke.data-dir=DIR | --suoke.database.mode=external"
              + " --spring.datasource.url=... --spring.datasource.username=... --spring.datasource.password=...]");
      return FAILED;
    }
    String[] settings = Arrays.copyOfRange(args, 2, args.length);
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(Settings.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .properties(
                Map.of("logging.level.root", "warn", "spring.main.register-shutdown-hook", "false"))
            .run(settings)) {
      AuditVerification result = verify(context.getEnvironment(), out);
      if (result.valid()) {
        out.printf("audit chain valid: %d rows checked%n", result.checked());
      } else {
        out.printf(
            "audit chain BROKEN at row id %d (seq %d): %s; %d rows checked%n",
            result.firstBrokenId(), result.firstBrokenSeq(), result.reason(), result.checked());
      }
      out.println(JSON.writeValueAsString(result));
      return result.valid() ? VALID : BROKEN;
    } catch (Exception e) {
      err.println("the audit chain could not be verified: " + e.getMessage());
      return FAILED;
    }
  }

  private static AuditVerification verify(Environment env, PrintStream out)
      throws IOException, SQLException {
    RuntimeProperties runtime =
        Binder.get(env).bindOrCreate("suoke", Bindable.of(RuntimeProperties.class));
    EngineLogEvents engineLog =
        new EngineLogEvents(env.getProperty("suoke.engine.schema", EngineLogEvents.DEFAULT_SCHEMA));
    if (runtime.database().mode() == RuntimeProperties.Mode.EXTERNAL) {
      PGSimpleDataSource external = new PGSimpleDataSource();
      external.setURL(required(env, "spring.datasource.url"));
      external.setUser(env.getProperty("spring.datasource.username"));
      external.setPassword(env.getProperty("spring.datasource.password"));
      return new AuditVerifier(external, engineLog).verify();
    }
    String database = runtime.database().databaseName();
    Path portFile = runtime.dataDir().resolve("postgres.port");
    if (Files.exists(portFile)) {
      DataSource running =
          embedded(
              Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim()),
              database);
      if (reachable(running)) {
        out.println("verifying in the running application's database (" + portFile + ")");
        return new AuditVerifier(running, engineLog).verify();
      }
    }
    out.println(
        "the application is not running: starting its database in " + runtime.databaseDir());
    try (EmbeddedDatabase started =
        EmbeddedDatabase.start(
            runtime.databaseDir(), 0, database, null, runtime.database().settings())) {
      return new AuditVerifier(embedded(started.port(), database), engineLog).verify();
    }
  }

  private static DataSource embedded(int port, String database) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setServerNames(new String[] {"127.0.0.1"});
    source.setPortNumbers(new int[] {port});
    source.setDatabaseName(database);
    source.setUser("postgres");
    return source;
  }

  private static boolean reachable(DataSource source) {
    try (Connection c = source.getConnection()) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private static String required(Environment env, String name) {
    String value = env.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required with suoke.database.mode=external");
    }
    return value;
  }
}
