package life.suoke.ops.engine.projection;

import static java.sql.Types.ARRAY;
import static java.sql.Types.BIGINT;
import static java.sql.Types.BOOLEAN;
import static java.sql.Types.INTEGER;
import static java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
import static java.sql.Types.VARCHAR;
import static life.suoke.ops.engine.projection.TableWriter.Column.first;
import static life.suoke.ops.engine.projection.TableWriter.Column.of;
import static life.suoke.ops.engine.projection.TableWriter.Column.overwrite;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * A page's rows reach the table in one upsert: every column type survives the trip through its
 * array, nulls included, and each merge rule holds against the row already there.
 */
class TableWriterTest {

  @Test
  void writesAPageInOneUpsertWithEveryTypeAndMergeRule() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(TableWriterTest.class);
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE tw (k BIGINT PRIMARY KEY, name TEXT, n INTEGER, flag BOOLEAN,"
              + " started TIMESTAMPTZ, ended TIMESTAMPTZ, groups TEXT[])");
      TableWriter writer =
          new TableWriter(
              "tw",
              List.of(
                  of("k", BIGINT),
                  of("name", VARCHAR),
                  of("n", INTEGER),
                  of("flag", BOOLEAN),
                  first("started", TIMESTAMP_WITH_TIMEZONE),
                  of("ended", TIMESTAMP_WITH_TIMEZONE),
                  overwrite("groups", ARRAY)));
      OffsetDateTime t1 = OffsetDateTime.of(2026, 12, 6, 8, 30, 0, 0, ZoneOffset.ofHours(8));
      OffsetDateTime t2 = OffsetDateTime.of(2026, 12, 6, 1, 2, 3, 456_000_000, ZoneOffset.UTC);
      List<String> awkward =
          List.of("ops", "a \"quoted\" group", "back\\slash", "{braces},comma", "");
      writer.put(1L, "first", 7, true, t1, null, awkward);
      writer.put(2L, "second", null, null, null, null, null);
      writer.put(3L, "to delete", 1, false, t2, t2, List.of());
      c.setAutoCommit(false);
      writer.flush(c);
      c.commit();

      assertThat(rows(s))
          .containsExactly(
              "1|first|7|t|2026-12-06T00:30Z|null|[ops, a \"quoted\" group, back\\slash,"
                  + " {braces},comma, ]",
              "2|second|null|null|null|null|null",
              "3|to delete|1|f|2026-12-06T01:02:03.456Z|2026-12-06T01:02:03.456Z|[]");

      // The next page: nulls keep what is there, the start keeps its first value, the groups are
      // overwritten (cleared too), a row put again in the same page merges in memory first.
      writer.put(1L, null, 8, null, t2, t2, null);
      writer.put(2L, "renamed", null, false, t2, null, List.of("x"));
      writer.put(2L, null, 5, null, t1, null, List.of("y", "z"));
      writer.delete(3L);
      writer.flush(c);
      c.commit();

      assertThat(rows(s))
          .containsExactly(
              "1|first|8|t|2026-12-06T00:30Z|2026-12-06T01:02:03.456Z|null",
              "2|renamed|5|f|2026-12-06T01:02:03.456Z|null|[y, z]");
    }
  }

  @Test
  void copiesTheRowsAPageCreatesAndUpsertsTheRest() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(TableWriterTest.class);
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE tc (k BIGINT PRIMARY KEY, name TEXT, n INTEGER, flag BOOLEAN,"
              + " started TIMESTAMPTZ, ended TIMESTAMPTZ, label TEXT GENERATED ALWAYS AS"
              + " (left(name, 3)) STORED, extra BOOLEAN NOT NULL DEFAULT FALSE)");
      TableWriter writer = copyingWriter();
      OffsetDateTime t1 =
          OffsetDateTime.of(2026, 12, 6, 8, 30, 0, 123_456_000, ZoneOffset.ofHours(8));
      OffsetDateTime t2 = OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
      c.setAutoCommit(false);

      // Too few created rows to copy: upserted.
      writer.putNew(1000L, "existing", 1, true, t1, null);
      writer.flush(c);
      c.commit();
      assertThat(writer.copiedRows()).isZero();

      // A page that creates COPY_FROM rows, changes one of them again, and updates a row that was
      // there: the created rows are copied, the old one merged by its rules.
      int n = TableWriter.COPY_FROM;
      creatingPage(writer, n, t1, t2);
      writer.flush(c);
      c.commit();
      assertThat(writer.copiedRows()).isEqualTo(n);
      List<String> rows = copiedRows(s);
      assertThat(rows).hasSize(n + 1);
      assertThat(rows.get(0)).isEqualTo("1|事件 №1|1|f|2026-12-06T00:30:00.123456Z|null|事件 |f");
      assertThat(rows.get(1)).isEqualTo("2|row 2|null|t|2026-12-06T00:30:00.123456Z|null|row|f");
      assertThat(rows.get(2))
          .isEqualTo("3|row 3|3|f|2026-12-06T00:30:00.123456Z|1999-12-31T23:59:59.999999Z|row|f");
      assertThat(rows.get(n))
          .isEqualTo(
              "1000|existing|2|t|2026-12-06T00:30:00.123456Z"
                  + "|1999-12-31T23:59:59.999999Z|exi|f");

      // The same page applied again (a crash before its acknowledgement): the copy finds its rows
      // there, is rolled back to its savepoint, and the rows are upserted with the same result;
      // what the transaction wrote before the copy stays.
      s.execute("INSERT INTO tc (k, name) VALUES (5000, 'before the copy')");
      creatingPage(writer, n, t1, t2);
      writer.flush(c);
      c.commit();
      assertThat(writer.copiedRows()).isEqualTo(n);
      List<String> again = copiedRows(s);
      assertThat(again.subList(0, n + 1)).isEqualTo(rows);
      assertThat(again.get(n + 1)).startsWith("5000|before the copy|");
    }
  }

  /** Creates rows 1 to n, changes row 3 again and updates row 1000, which was there before. */
  private static void creatingPage(
      TableWriter writer, int n, OffsetDateTime t1, OffsetDateTime t2) {
    for (long k = 1; k <= n; k++) {
      writer.putNew(
          k, k == 1 ? "事件 №1" : "row " + k, k == 2 ? null : (int) k, k % 2 == 0, t1, null);
    }
    writer.put(3L, null, null, null, t2, t2);
    writer.put(1000L, null, 2, null, t2, t2);
  }

  private static TableWriter copyingWriter() {
    return new TableWriter(
        "tc",
        List.of(
            of("k", BIGINT),
            of("name", VARCHAR),
            of("n", INTEGER),
            of("flag", BOOLEAN),
            first("started", TIMESTAMP_WITH_TIMEZONE),
            of("ended", TIMESTAMP_WITH_TIMEZONE)));
  }

  @Test
  void quotesEveryArrayElement() {
    assertThat(TableWriter.arrayLiteral(List.of("a", "b\"c", "d\\e", "")))
        .isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\",\"\"}");
    assertThat(TableWriter.arrayLiteral(List.of())).isEqualTo("{}");
  }

  private static List<String> rows(Statement s) throws Exception {
    return rows(s, "SELECT k, name, n, flag, started, ended, groups FROM tw ORDER BY k");
  }

  private static List<String> copiedRows(Statement s) throws Exception {
    return rows(s, "SELECT k, name, n, flag, started, ended, label, extra FROM tc ORDER BY k");
  }

  /** Each row as its columns joined by "|": booleans as t/f, times in UTC, arrays listed. */
  private static List<String> rows(Statement s, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object v = rs.getObject(i);
          row.add(
              v == null
                  ? "null"
                  : v instanceof Boolean b
                      ? (b ? "t" : "f")
                      : v instanceof java.sql.Array a
                          ? Arrays.toString((Object[]) a.getArray())
                          : v instanceof java.sql.Timestamp
                              ? utc(rs.getObject(i, OffsetDateTime.class))
                              : v.toString());
        }
        rows.add(String.join("|", row));
      }
    }
    return rows;
  }

  private static String utc(OffsetDateTime time) {
    return time == null ? "null" : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }
}
