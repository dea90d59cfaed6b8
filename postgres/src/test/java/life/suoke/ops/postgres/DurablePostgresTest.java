package life.suoke.ops.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurablePostgresTest {

  @TempDir Path tmp;

  @Test
  void aTemporaryServerIsDurableTakesExtraSettingsAndLeavesNoDirectoryBehind() throws Exception {
    Path dataDir;
    try (DurablePostgres pg =
        DurablePostgres.temporaryIn(tmp, "pg-test").setting("max_connections", "42").start()) {
      dataDir = pg.dataDir();
      assertThat(
              pg.show(
                  "fsync",
                  "synchronous_commit",
                  "full_page_writes",
                  "max_connections",
                  "listen_addresses"))
          .containsEntry("fsync", "on")
          .containsEntry("synchronous_commit", "on")
          .containsEntry("full_page_writes", "on")
          .containsEntry("max_connections", "42")
          .containsEntry("listen_addresses", "127.0.0.1");
      pg.createDatabaseIfMissing("shop");
      pg.createDatabaseIfMissing("shop");
      try (Connection c = pg.dataSource("shop").getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("shop");
      }
      assertThat(pg.jdbcUrl("shop"))
          .isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/shop");
      assertThat(Files.isDirectory(dataDir)).isTrue();
    }
    assertThat(dataDir.getParent()).doesNotExist();
    try (var left = Files.list(tmp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void theDurableSettingsCannotBeTurnedOff() {
    assertThatThrownBy(() -> DurablePostgres.temporaryIn(tmp, "pg-test").setting("fsync", "off"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fsync is always on");
    assertThatThrownBy(
            () ->
                DurablePostgres.temporaryIn(tmp, "pg-test").setting("synchronous_commit", "local"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPersistentServerKeepsItsDataAndTakesOverFromAServerAKilledJvmLeftRunningOnIt()
      throws Exception {
    Path dataDir = tmp.resolve("kept");
    Process jvm = childJvm(dataDir.toString()).start();
    try (var out =
        new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("ready")) {
        // the child's log
      }
      assertThat(line).as("the child JVM started its server").isEqualTo("ready");
      jvm.destroyForcibly().waitFor(); // SIGKILL: its PostgreSQL keeps running on the directory
    }
    long orphan =
        Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    try (DurablePostgres next = DurablePostgres.persistent(dataDir).start();
        Connection c = next.adminDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("committed");
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
    assertThat(dataDir.resolve("PG_VERSION")).exists();
  }

  @Test
  void aPersistentServerIsLeftToItsOwnerWhenTheJvmShutsDown() throws Exception {
    // the owner (the application) stops it after the engine: no hook may stop it while the engine
    // still writes
    Path dataDir = tmp.resolve("owned");
    Process jvm =
        childJvm(dataDir.toString(), "exit")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(jvm.waitFor()).isZero();
    long server =
        Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);
    DurablePostgres.persistent(dataDir).start().close(); // takes it over and stops it
    assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  /**
   * A JVM of its own running {@link KilledJvmMain} with these arguments, its errors in its output.
   */
  private static ProcessBuilder childJvm(String... args) {
    java.util.List<String> command =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KilledJvmMain.class.getName()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /**
   * Starts a server on the directory, commits a row, says "ready" and waits to be killed; with a
   * second argument {@code exit}, exits normally (shutdown hooks run) without closing the server.
   */
  public static final class KilledJvmMain {
    public static void main(String[] args) throws Exception {
      DurablePostgres pg = DurablePostgres.persistent(Path.of(args[0])).start();
      try (Connection c = pg.adminDataSource().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v text)");
        s.execute("INSERT INTO kept VALUES ('committed')");
      }
      if (args.length > 1 && args[1].equals("exit")) {
        System.exit(0);
      }
      System.out.println("ready");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void aDatabaseNameThatIsNotAPlainIdentifierIsRefused() throws Exception {
    try (DurablePostgres pg = DurablePostgres.temporaryIn(tmp, "pg-test").start()) {
      assertThatThrownBy(() -> pg.createDatabaseIfMissing("x; DROP DATABASE postgres"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("plain lower-case identifier");
    }
  }
}
