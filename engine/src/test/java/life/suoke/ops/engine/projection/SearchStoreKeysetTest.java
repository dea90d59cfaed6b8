package life.suoke.ops.engine.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyset pages straight on the projection, both ways a page is read (few matches: all of them
 * sorted; many: each branch of the keyset read off the index), in every sort direction, with ties
 * and nulls in the sort values and a sort over several levels: pages read forwards and backwards
 * from their cursors give exactly the rows of one sorted query.
 */
class SearchStoreKeysetTest {

  static TestPostgres.Database database;
  static SearchStore sparse;
  static SearchStore dense;
  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC);

  @BeforeAll
  static void fill() throws Exception {
    database = TestPostgres.newDatabase(SearchStoreKeysetTest.class);
    try (Connection c = database.dataSource().getConnection()) {
      ProjectionSchema.migrate(c, "engine");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO engine.process_instance (process_instance_key, bpmn_process_id,"
                  + " version, state, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= 61; i++) {
          ps.setLong(1, 1000 + (i * 37L) % 61); // keys not in insertion order
          ps.setString(2, i % 10 == 0 ? "other" : "keyset");
          ps.setInt(3, 1 + i % 3);
          ps.setString(4, i % 4 == 0 ? "COMPLETED" : "ACTIVE");
          if (i % 9 == 0) {
            ps.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE); // no start date: sorts last
          } else {
            ps.setObject(
                5, T0.plusMinutes(i % 5), Types.TIMESTAMP_WITH_TIMEZONE); // five start dates: ties
          }
          if (i % 4 == 0) {
            ps.setObject(6, T0.plusHours(1 + i % 2), Types.TIMESTAMP_WITH_TIMEZONE);
          } else {
            ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
          }
          ps.addBatch();
        }
        ps.executeBatch();
      }
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE engine.process_instance");
      }
    }
    sparse =
        new SearchStore(
            ConnectionSource.of(database.dataSource()), "engine", 1_000, SearchStore.TOTAL_LIMIT);
    dense =
        new SearchStore(
            ConnectionSource.of(database.dataSource()), "engine", 0, SearchStore.TOTAL_LIMIT);
  }

  @AfterAll
  static void close() {
    sparse.close();
    dense.close();
  }

  static TableQuery.Order by(String column, boolean descending, FieldType type) {
    return new TableQuery.Order(column, descending, type);
  }

  static List<Arguments> sorts() {
    List<List<TableQuery.Order>> sorts =
        List.of(
            List.of(),
            List.of(by("t.start_date", true, FieldType.DATE)),
            List.of(by("t.start_date", false, FieldType.DATE)),
            List.of(
                by("t.end_date", false, FieldType.DATE),
                by("t.process_instance_key", true, FieldType.KEY)),
            List.of(
                by("t.state", false, FieldType.TEXT),
                by("t.version", true, FieldType.INT),
                by("t.start_date", true, FieldType.DATE)));
    List<Arguments> arguments = new ArrayList<>();
    for (List<TableQuery.Order> sort : sorts) {
      arguments.add(Arguments.of(sort, true));
      arguments.add(Arguments.of(sort, false));
    }
    return arguments;
  }

  static TableQuery query(List<TableQuery.Order> order, int limit, TableQuery.Keyset keyset) {
    Condition process =
        new Condition.Compare(
            "t.bpmn_process_id", FieldType.TEXT, Condition.Operator.EQ, List.of("keyset"));
    return new TableQuery(
        "process_instance",
        "process_instance_key",
        List.of("t.process_instance_key"),
        List.of("t.*"),
        List.of(process),
        order,
        0,
        limit,
        keyset);
  }

  static List<Long> keys(SearchResult result) {
    return result.rows().stream()
        .map(row -> ((Number) row.get("process_instance_key")).longValue())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("sorts")
  void pagesReadForwardsAndBackwardsGiveTheSortedResult(
      List<TableQuery.Order> order, boolean fewMatches) {
    SearchStore store = fewMatches ? sparse : dense;
    SearchResult all = store.search(query(order, 1000, null)).join();
    List<Long> expected = keys(all);
    assertThat(expected).hasSize(55).doesNotHaveDuplicates();
    assertThat(all.total()).isEqualTo(55);
    assertThat(all.more()).isFalse();

    List<Long> forwards = new ArrayList<>();
    List<Map<String, Object>> lastPage = null;
    SearchResult page = store.search(query(order, 7, null)).join();
    while (!page.rows().isEmpty()) {
      assertThat(page.total()).isEqualTo(55);
      forwards.addAll(keys(page));
      lastPage = page.rows();
      TableQuery probe = query(order, 7, null);
      String cursor = KeysetCursor.encode(probe, page.rows().get(page.rows().size() - 1));
      page =
          store
              .search(
                  query(order, 7, new TableQuery.Keyset(false, KeysetCursor.decode(probe, cursor))))
              .join();
    }
    assertThat(forwards).isEqualTo(expected);

    List<Long> backwards = new ArrayList<>();
    TableQuery probe = query(order, 7, null);
    String cursor = KeysetCursor.encode(probe, lastPage.get(0));
    while (true) {
      SearchResult before =
          store
              .search(
                  query(order, 7, new TableQuery.Keyset(true, KeysetCursor.decode(probe, cursor))))
              .join();
      if (before.rows().isEmpty()) {
        break;
      }
      backwards.addAll(0, keys(before));
      cursor = KeysetCursor.encode(probe, before.rows().get(0));
    }
    assertThat(backwards).isEqualTo(expected.subList(0, expected.size() - lastPage.size()));
  }

  @ParameterizedTest
  @MethodSource("sorts")
  void aCursorOfAnotherSortIsNotTaken(List<TableQuery.Order> order, boolean fewMatches) {
    SearchResult first = (fewMatches ? sparse : dense).search(query(order, 3, null)).join();
    String cursor = KeysetCursor.encode(query(order, 3, null), first.rows().get(2));
    List<TableQuery.Order> other = new ArrayList<>(order);
    other.add(0, by("t.version", false, FieldType.INT));
    assertThatThrownBy(() -> KeysetCursor.decode(query(other, 3, null), cursor))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeysetCursor.decode(query(order, 3, null), cursor.substring(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
