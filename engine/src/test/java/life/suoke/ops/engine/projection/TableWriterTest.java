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
  void quotesEveryArrayElement() {
    assertThat(TableWriter.arrayLiteral(List.of("a", "b\"c", "d\\e", "")))
        .isEqualTo("{\"a\",\"b\\\"c\",\"d\\\\e\",\"\"}");
    assertThat(TableWriter.arrayLiteral(List.of())).isEqualTo("{}");
  }

  private static List<String> rows(Statement s) throws Exception {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs =
        s.executeQuery("SELECT k, name, n, flag, started, ended, groups FROM tw ORDER BY k")) {
      while (rs.next()) {
        java.sql.Array groups = rs.getArray(7);
        rows.add(
            rs.getLong(1)
                + "|"
                + rs.getString(2)
                + "|"
                + rs.getObject(3)
                + "|"
                + (rs.getObject(4) == null ? "null" : rs.getBoolean(4) ? "t" : "f")
                + "|"
                + utc(rs.getObject(5, OffsetDateTime.class))
                + "|"
                + utc(rs.getObject(6, OffsetDateTime.class))
                + "|"
                + (groups == null ? "null" : Arrays.toString((Object[]) groups.getArray())));
      }
    }
    return rows;
  }

  private static String utc(OffsetDateTime time) {
    return time == null ? "null" : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }
}
