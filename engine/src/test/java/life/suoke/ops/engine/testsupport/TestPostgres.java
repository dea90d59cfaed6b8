package life.suoke.ops.engine.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.postgres.DurablePostgres;

/**
 * One real, durable PostgreSQL server per test JVM ({@link DurablePostgres}, in a temporary
 * directory that goes when the JVM exits), started on first use. Each caller gets a database of its
 * own, so test classes never see each other's tables.
 */
public final class TestPostgres {

  public static final String USER = DurablePostgres.SUPERUSER;
  public static final String PASSWORD = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile DurablePostgres server;

  private TestPostgres() {}

  /** A fresh, empty database on the shared server. */
  public record Database(
      String name, String jdbcUrl, String user, String password, javax.sql.DataSource dataSource) {}

  /** Creates a fresh, empty database whose name starts with {@code prefix}. */
  public static Database newDatabase(String prefix) {
    DurablePostgres pg = server();
    String name =
        prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")
            + "_"
            + DATABASES.incrementAndGet();
    if (name.length() > 60) {
      name = name.substring(name.length() - 60);
    }
    if (!Character.isLetter(name.charAt(0))) {
      name = "d" + name;
    }
    try {
      pg.createDatabaseIfMissing(name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new Database(name, pg.jdbcUrl(name), USER, PASSWORD, pg.dataSource(name));
  }

  /** Creates a fresh database named after the test class. */
  public static Database newDatabase(Class<?> testClass) {
    return newDatabase(testClass.getSimpleName());
  }

  private static DurablePostgres server() {
    DurablePostgres pg = server;
    if (pg == null) {
      synchronized (TestPostgres.class) {
        pg = server;
        if (pg == null) {
          try {
            pg = DurablePostgres.temporary("engine-test-pg").start();
          } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
          }
          server = pg;
        }
      }
    }
    return pg;
  }
}
