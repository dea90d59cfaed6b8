package life.suoke.ops.engine.log;

import static life.suoke.ops.engine.log.RecordLogTest.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The record log's state snapshots: tables {@code snapshot} and {@code snapshot_chunk}. */
class SnapshotStoreTest extends RecordLogTestSupport {

  private static final int CHUNK = SnapshotStore.CHUNK_BYTES;

  @Override
  String schemaPrefix() {
    return "snapshots";
  }

  private static byte[] randomBytes(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return data;
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(statement.replace("$schema", schema));
    }
  }

  private List<String> rows(String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query.replace("$schema", schema))) {
      List<String> out = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        out.add(String.join(" ", row));
      }
      return out;
    }
  }

  private List<Long> positions() {
    return log.snapshots().stream().map(SnapshotInfo::position).toList();
  }

  @Test
  void storesAndReadsBackASnapshotOfSeveralChunks() throws Exception {
    byte[] state = randomBytes(20 << 20, 1);
    Instant before = Instant.now().minusSeconds(1);

    log.saveSnapshot(4711, 3, state);

    StoredSnapshot latest = log.latestSnapshot().orElseThrow();
    assertThat(latest.position()).isEqualTo(4711);
    assertThat(latest.format()).isEqualTo(3);
    assertThat(latest.data()).isEqualTo(state);
    assertThat(latest.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(latest.toString()).contains("4711").contains((20 << 20) + " bytes");
    assertThat(log.snapshots())
        .containsExactly(new SnapshotInfo(4711, 3, 20 << 20, latest.createdAt()));
    // 8 + 8 + 4 MiB, and the SHA-256 of the whole beside them
    assertThat(
            rows(
                "SELECT seq, length(data) FROM $schema.snapshot_chunk"
                    + " WHERE snapshot_position = 4711 ORDER BY seq"))
        .containsExactly("0 " + CHUNK, "1 " + CHUNK, "2 " + (4 << 20));
    String sha256 =
        HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(state));
    assertThat(rows("SELECT size, checksum FROM $schema.snapshot"))
        .containsExactly((20 << 20) + " " + sha256);
    // the chunks are stored as they are, not compressed
    assertThat(
            rows(
                "SELECT attstorage FROM pg_attribute WHERE attrelid = '$schema.snapshot_chunk'::regclass"
                    + " AND attname = 'data'"))
        .containsExactly("e");
  }

  @Test
  void splitsAtChunkBoundariesExactly() {
    for (int length : new int[] {0, 1, CHUNK - 1, CHUNK, CHUNK + 1}) {
      byte[] state = randomBytes(length, length);
      long position = length + 1L;

      log.saveSnapshot(position, 1, state);

      StoredSnapshot latest = log.latestSnapshot().orElseThrow();
      assertThat(latest.position()).as("length %d", length).isEqualTo(position);
      assertThat(latest.data()).as("length %d", length).isEqualTo(state);
    }
  }

  @Test
  void keepsOnlyTheTwoNewest() throws SQLException {
    assertThat(log.latestSnapshot()).isEmpty();
    assertThat(log.snapshots()).isEmpty();

    log.saveSnapshot(10, 1, randomBytes(1000, 10));
    log.saveSnapshot(20, 1, randomBytes(1000, 20));
    assertThat(positions()).containsExactly(20L, 10L);
    log.saveSnapshot(30, 2, randomBytes(CHUNK + 10, 30));

    assertThat(positions()).containsExactly(30L, 20L);
    assertThat(rows("SELECT DISTINCT snapshot_position FROM $schema.snapshot_chunk ORDER BY 1"))
        .containsExactly("20", "30");
    assertThat(log.latestSnapshot().orElseThrow().data()).isEqualTo(randomBytes(CHUNK + 10, 30));
    // "newest" is the highest position: one below both is not kept
    log.saveSnapshot(5, 1, randomBytes(1000, 5));
    assertThat(positions()).containsExactly(30L, 20L);
    log.saveSnapshot(40, 1, randomBytes(1000, 40));
    assertThat(positions()).containsExactly(40L, 30L);
  }

  @Test
  void aDamagedNewestSnapshotFallsBackToThePreviousOne() throws SQLException {
    byte[] older = randomBytes(CHUNK + 100, 1);
    byte[] newer = randomBytes(2 * CHUNK + 100, 2);
    log.saveSnapshot(100, 1, older);
    log.saveSnapshot(200, 1, newer);
    assertThat(log.latestSnapshot().orElseThrow().position()).isEqualTo(200);

    // one byte changed in the middle of a chunk
    sql(
        "UPDATE $schema.snapshot_chunk SET data = set_byte(data, 4096, (get_byte(data, 4096) + 1) % 256)"
            + " WHERE snapshot_position = 200 AND seq = 1");
    StoredSnapshot latest = log.latestSnapshot().orElseThrow();
    assertThat(latest.position()).isEqualTo(100);
    assertThat(latest.data()).isEqualTo(older);

    // a chunk missing from the older one too: nothing intact is left
    sql("DELETE FROM $schema.snapshot_chunk WHERE snapshot_position = 100 AND seq = 0");
    assertThat(log.latestSnapshot()).isEmpty();
    // both are still listed for an operator to look at
    assertThat(positions()).containsExactly(200L, 100L);
  }

  @Test
  void aSnapshotWhoseChunksDoNotMatchItsSizeIsDamaged() throws SQLException {
    log.saveSnapshot(100, 1, randomBytes(1000, 1));
    log.saveSnapshot(200, 1, randomBytes(CHUNK + 1, 2));
    log.saveSnapshot(300, 1, randomBytes(1000, 3));

    sql("DELETE FROM $schema.snapshot_chunk WHERE snapshot_position = 200 AND seq = 1");
    sql("UPDATE $schema.snapshot SET size = size + 1 WHERE position = 300");

    assertThat(log.latestSnapshot()).isEmpty(); // 100 was deleted when 300 was saved
    sql("UPDATE $schema.snapshot SET size = size - 1 WHERE position = 300");
    assertThat(log.latestSnapshot().orElseThrow().position()).isEqualTo(300);
    sql("UPDATE $schema.snapshot SET size = size - 1 WHERE position = 300");
    assertThat(log.latestSnapshot()).isEmpty();
  }

  @Test
  void aSaveKilledMidWayLeavesNoTraceAndAppendsGoOnMeanwhile() throws Exception {
    byte[] previous = randomBytes(1000, 1);
    log.saveSnapshot(50, 1, previous);
    StalledBackends.createStallFunction(db, schema);
    sql(
        "CREATE TRIGGER stall BEFORE INSERT ON $schema.snapshot_chunk FOR EACH ROW"
            + " WHEN (NEW.seq = 1) EXECUTE FUNCTION $schema.stall()");
    byte[] state = randomBytes(2 * CHUNK + 1, 2);

    CompletableFuture<Void> save =
        CompletableFuture.runAsync(() -> log.saveSnapshot(100, 1, state));
    int stalled = StalledBackends.awaitStalled(db);
    // the snapshot's first chunk is written but not committed: the writer goes on, readers see
    // the previous snapshot only
    log.append(records(1, 5));
    assertThat(log.read(0, 10)).containsExactlyElementsOf(records(1, 5));
    assertThat(log.latestSnapshot().orElseThrow().position()).isEqualTo(50);
    StalledBackends.terminate(db, stalled);

    assertThatThrownBy(() -> save.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(RecordLog.RecordLogException.class)
        .hasMessageContaining("position 100");
    assertThat(rows("SELECT position FROM $schema.snapshot")).containsExactly("50");
    assertThat(rows("SELECT DISTINCT snapshot_position FROM $schema.snapshot_chunk"))
        .containsExactly("50");
    assertThat(log.latestSnapshot().orElseThrow().data()).isEqualTo(previous);

    sql("DROP TRIGGER stall ON $schema.snapshot_chunk");
    log.saveSnapshot(100, 1, state);
    assertThat(log.latestSnapshot().orElseThrow().data()).isEqualTo(state);
  }

  @Test
  void aPositionAlreadyStoredIsLeftAsItIs() {
    byte[] first = randomBytes(1000, 1);
    log.saveSnapshot(10, 1, first);

    log.saveSnapshot(10, 2, randomBytes(2000, 2));

    StoredSnapshot latest = log.latestSnapshot().orElseThrow();
    assertThat(latest.format()).isEqualTo(1);
    assertThat(latest.data()).isEqualTo(first);
    assertThat(log.snapshots()).hasSize(1);
  }

  @Test
  void refusesPositionsThatAreNotPositive() {
    assertThatThrownBy(() -> log.saveSnapshot(0, 1, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> log.saveSnapshot(-3, 1, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.saveSnapshot(1, 1, null)).isInstanceOf(NullPointerException.class);
    assertThat(log.snapshots()).isEmpty();
  }

  @Test
  void aClosedLogRefusesSnapshotsAndCompaction() {
    log.close();

    assertThatThrownBy(() -> log.saveSnapshot(1, 1, new byte[1]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.latestSnapshot()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.snapshots()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> log.compact(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readsASnapshotWhileANewerOneReplacesIt() throws Exception {
    byte[] first = randomBytes(3 * CHUNK, 1);
    log.saveSnapshot(10, 1, first);
    RecordLog other = open();

    // saves that delete older snapshots while the reader streams chunks
    CompletableFuture<Void> saves =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 2; i <= 4; i++) {
                other.saveSnapshot(10L * i, 1, randomBytes(CHUNK, i));
              }
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!saves.isDone() && System.nanoTime() < deadline) {
      StoredSnapshot s = log.latestSnapshot().orElseThrow();
      assertThat(s.data())
          .isEqualTo(s.position() == 10 ? first : randomBytes(CHUNK, (int) (s.position() / 10)));
    }
    saves.get(30, TimeUnit.SECONDS);
    assertThat(positions()).containsExactly(40L, 30L);
  }
}
