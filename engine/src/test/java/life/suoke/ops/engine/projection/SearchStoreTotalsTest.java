package life.suoke.ops.engine.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Totals counted up to a limit, as a Camunda cluster's search counts them: past the limit the total
 * is the limit and the result says there are more, while the pages themselves still reach every
 * match; below it, and for user tasks (whose totals the inbox adds up), totals are exact.
 */
class SearchStoreTotalsTest {

  static final int LIMIT = 20;
  static TestPostgres.Database database;
  static SearchStore store;
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC);

  @BeforeAll
  static void fill() throws Exception {
    database = TestPostgres.newDatabase(SearchStoreTotalsTest.class);
    try (Connection c = database.dataSource().getConnection()) {
      ProjectionSchema.migrate(c, "engine");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO engine.process_instance (process_instance_key, bpmn_process_id,"
                  + " version, state, start_date) VALUES (?, ?, 1, ?, ?)")) {
        for (int i = 1; i <= 50; i++) {
          ps.setLong(1, 5000 + i);
          ps.setString(2, i <= 15 ? "few" : "many");
          ps.setString(3, "ACTIVE");
          ps.setObject(4, T0.plusSeconds(i), Types.TIMESTAMP_WITH_TIMEZONE);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO engine.user_task (user_task_key, state, creation_date)"
                  + " VALUES (?, 'CREATED', ?)")) {
        for (int i = 1; i <= 30; i++) {
          ps.setLong(1, 9000 + i);
          ps.setObject(2, T0.plusSeconds(i), Types.TIMESTAMP_WITH_TIMEZONE);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE engine.process_instance");
      }
    }
    store = new SearchStore(ConnectionSource.of(database.dataSource()), "engine", 0, LIMIT);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  static TableQuery instances(String process, int offset, int limit, TableQuery.Keyset keyset) {
    List<Condition> conditions =
        process == null
            ? List.of()
            : List.of(
                new Condition.Compare(
                    "t.bpmn_process_id", FieldType.TEXT, Condition.Operator.EQ, List.of(process)));
    return new TableQuery(
        "process_instance",
        "process_instance_key",
        List.of("t.process_instance_key"),
        List.of("t.*"),
        conditions,
        List.of(new TableQuery.Order("t.start_date", true, FieldType.DATE)),
        offset,
        limit,
        keyset);
  }

  @Test
  void belowTheLimitTheTotalIsExact() {
    SearchResult result = store.search(instances("few", 0, 5, null)).join();
    assertThat(result.total()).isEqualTo(15);
    assertThat(result.more()).isFalse();
    assertThat(result.rows()).hasSize(5);
  }

  @Test
  void pastTheLimitTheTotalIsTheLimitAndSaysThereAreMore() {
    SearchResult all = store.search(instances(null, 0, 5, null)).join();
    assertThat(all.total()).isEqualTo(LIMIT);
    assertThat(all.more()).isTrue();
    SearchResult many = store.search(instances("many", 0, 5, null)).join();
    assertThat(many.total()).isEqualTo(LIMIT);
    assertThat(many.more()).isTrue();
  }

  @Test
  void pagesStillReachEveryMatchPastTheLimit() {
    List<Long> keys = new ArrayList<>();
    TableQuery probe = instances(null, 0, 8, null);
    SearchResult page = store.search(probe).join();
    while (!page.rows().isEmpty()) {
      page.rows().forEach(row -> keys.add(((Number) row.get("process_instance_key")).longValue()));
      String cursor = KeysetCursor.encode(probe, page.rows().get(page.rows().size() - 1));
      page =
          store
              .search(
                  instances(
                      null, 0, 8, new TableQuery.Keyset(false, KeysetCursor.decode(probe, cursor))))
              .join();
    }
    assertThat(keys).hasSize(50).doesNotHaveDuplicates();
    assertThat(keys.get(0)).isEqualTo(5050L); // newest first

    SearchResult offsetPastTheLimit = store.search(instances(null, 40, 8, null)).join();
    assertThat(offsetPastTheLimit.rows())
        .extracting(row -> ((Number) row.get("process_instance_key")).longValue())
        .containsExactly(5010L, 5009L, 5008L, 5007L, 5006L, 5005L, 5004L, 5003L);
  }

  @Test
  void userTaskTotalsStayExactForTheInbox() {
    TableQuery tasks =
        new TableQuery(
            "user_task",
            "user_task_key",
            List.of("t.user_task_key"),
            List.of("t.*"),
            List.of(
                new Condition.Compare(
                    "t.state", FieldType.TEXT, Condition.Operator.EQ, List.of("CREATED"))),
            List.of(),
            0,
            5,
            null);
    SearchResult result = store.search(tasks).join();
    assertThat(result.total()).isEqualTo(30);
    assertThat(result.more()).isFalse();
  }
}
