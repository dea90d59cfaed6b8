package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.request.ProcessInstanceSearchRequest;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search API's cursors are keyset cursors: a page's {@code endCursor} (as {@code page.after})
 * gives the rows after its last one, its {@code startCursor} (as {@code page.before}) the rows
 * before its first one, in the requested sort with the key breaking ties, nulls last. Pages read
 * forwards and backwards put the whole result together exactly once; a cursor this engine did not
 * hand out for that sort is refused; {@code from} offsets still work.
 */
class KeysetPagingTest {

  static EngineTestSupport engine;
  static CamundaClient grpc;
  static CamundaClient rest;
  static final String PROCESS = "keyset-paging";
  static final Instant FIRST = Instant.parse("2026-10-01T08:00:00Z");

  /**
   * Instance keys by start date (three groups of equal start dates); the first two of each group
   * completed.
   */
  static final List<List<Long>> GROUPS = new ArrayList<>();

  static final List<Long> COMPLETED = new ArrayList<>();

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(KeysetPagingTest.class);
    grpc = engine.client;
    rest = engine.connectRest();
    grpc.newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(PROCESS)
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType("keyset-work"))
                .endEvent()
                .done(),
            "keyset.bpmn")
        .send()
        .join();
    int[] sizes = {8, 7, 8};
    for (int group = 0; group < sizes.length; group++) {
      rest.newPinClockCommand().time(FIRST.plus(Duration.ofHours(group))).send().join();
      List<Long> keys = new ArrayList<>();
      for (int i = 0; i < sizes[group]; i++) {
        keys.add(
            grpc.newCreateInstanceCommand()
                .bpmnProcessId(PROCESS)
                .latestVersion()
                .send()
                .join()
                .getProcessInstanceKey());
      }
      GROUPS.add(keys);
    }
    // two of each group complete, all at the same instant: ties in the end date too
    rest.newPinClockCommand().time(FIRST.plus(Duration.ofDays(1))).send().join();
    List<ActivatedJob> jobs =
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    grpc.newActivateJobsCommand()
                        .jobType("keyset-work")
                        .maxJobsToActivate(100)
                        .send()
                        .join()
                        .getJobs(),
                found -> found.size() == 23);
    for (List<Long> group : GROUPS) {
      for (long key : group.subList(0, 2)) {
        ActivatedJob job =
            jobs.stream().filter(j -> j.getProcessInstanceKey() == key).findFirst().orElseThrow();
        grpc.newCompleteCommand(job.getKey()).send().join();
        COMPLETED.add(key);
      }
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                search(r -> r.page(p -> p.limit(100))).items().stream()
                        .filter(pi -> pi.getEndDate() != null)
                        .count()
                    == COMPLETED.size());
    rest.newResetClockCommand().send().join();
  }

  @AfterAll
  static void stop() {
    rest.close();
    engine.close();
  }

  static SearchResponse<ProcessInstance> search(
      UnaryOperator<ProcessInstanceSearchRequest> request) {
    return request
        .apply(rest.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(PROCESS)))
        .send()
        .join();
  }

  static List<Long> keys(SearchResponse<ProcessInstance> response) {
    return response.items().stream().map(ProcessInstance::getProcessInstanceKey).toList();
  }

  @Test
  void pagesForwardsAndBackwardsThroughTiesInTheSortKey() {
    // newest start date first; equal start dates in key order
    List<Long> expected = new ArrayList<>();
    for (int group = GROUPS.size() - 1; group >= 0; group--) {
      List<Long> keys = new ArrayList<>(GROUPS.get(group));
      Collections.sort(keys);
      expected.addAll(keys);
    }
    UnaryOperator<ProcessInstanceSearchRequest> sort = r -> r.sort(s -> s.startDate().desc());
    assertThat(keys(search(r -> sort.apply(r).page(p -> p.limit(100))))).isEqualTo(expected);

    List<SearchResponse<ProcessInstance>> pages = forwards(sort, 5);
    assertThat(pages).hasSize(5);
    assertThat(pages.stream().flatMap(page -> keys(page).stream()).toList()).isEqualTo(expected);
    assertThat(pages).allMatch(page -> page.page().totalItems() == 23);
    assertThat(keys(pages.get(4))).hasSize(3);

    assertThat(backwards(sort, pages.get(4), 5)).isEqualTo(expected.subList(0, 20));
    assertThat(keys(search(r -> sort.apply(r).page(p -> p.from(5).limit(5)))))
        .as("offsets still work")
        .isEqualTo(expected.subList(5, 10));
    String afterLast = pages.get(4).page().endCursor();
    assertThat(search(r -> sort.apply(r).page(p -> p.limit(5).after(afterLast))).items()).isEmpty();
    String beforeFirst = pages.get(0).page().startCursor();
    assertThat(search(r -> sort.apply(r).page(p -> p.limit(5).before(beforeFirst))).items())
        .isEmpty();
  }

  @Test
  void nullsComeLastInBothDirectionsAndSeveralSortFieldsBreakTiesInTurn() {
    // end date ascending: the completed ones (one end date for all, so in key order), then the
    // active ones (no end date)
    List<Long> completed = new ArrayList<>(COMPLETED);
    Collections.sort(completed);
    List<Long> active = new ArrayList<>();
    GROUPS.forEach(active::addAll);
    active.removeAll(COMPLETED);
    Collections.sort(active);
    List<Long> expected = new ArrayList<>(completed);
    expected.addAll(active);
    UnaryOperator<ProcessInstanceSearchRequest> byEnd = r -> r.sort(s -> s.endDate().asc());
    assertThat(forwards(byEnd, 4).stream().flatMap(page -> keys(page).stream()).toList())
        .isEqualTo(expected);
    List<SearchResponse<ProcessInstance>> pages = forwards(byEnd, 4);
    assertThat(backwards(byEnd, pages.get(pages.size() - 1), 4))
        .isEqualTo(expected.subList(0, expected.size() - keys(pages.get(pages.size() - 1)).size()));

    // descending: nulls still last
    List<Long> descending = new ArrayList<>(completed);
    descending.addAll(active);
    UnaryOperator<ProcessInstanceSearchRequest> byEndDesc = r -> r.sort(s -> s.endDate().desc());
    assertThat(forwards(byEndDesc, 6).stream().flatMap(page -> keys(page).stream()).toList())
        .isEqualTo(descending);

    // state, then start date (newest first), then key
    List<Long> byState = new ArrayList<>();
    for (List<Long> ofState : List.of(active, completed)) {
      ofState.stream()
          .sorted(
              Comparator.<Long>comparingInt(KeysetPagingTest::group)
                  .reversed()
                  .thenComparing(Comparator.naturalOrder()))
          .forEach(byState::add);
    }
    UnaryOperator<ProcessInstanceSearchRequest> stateThenStart =
        r -> r.sort(s -> s.state().asc().startDate().desc());
    List<SearchResponse<ProcessInstance>> statePages = forwards(stateThenStart, 3);
    assertThat(statePages.stream().flatMap(page -> keys(page).stream()).toList())
        .isEqualTo(byState);
    assertThat(backwards(stateThenStart, statePages.get(statePages.size() - 1), 3))
        .isEqualTo(
            byState.subList(
                0, byState.size() - keys(statePages.get(statePages.size() - 1)).size()));
  }

  @Test
  void aCursorThisEngineDidNotHandOutForTheSortIsRefused() {
    String cursor =
        search(r -> r.sort(s -> s.startDate().desc()).page(p -> p.limit(2))).page().endCursor();
    assertRefused(
        () ->
            search(
                r -> r.sort(s -> s.startDate().desc()).page(p -> p.limit(2).after("not-a-cursor"))),
        "not-a-cursor");
    assertRefused(
        () -> search(r -> r.sort(s -> s.startDate().asc()).page(p -> p.limit(2).after(cursor))),
        cursor);
    assertRefused(
        () -> search(r -> r.sort(s -> s.endDate().desc()).page(p -> p.limit(2).before(cursor))),
        cursor);
    String offsetCursor =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("p4".getBytes());
    assertRefused(() -> search(r -> r.page(p -> p.limit(2).after(offsetCursor))), offsetCursor);
    assertThat(
            search(r -> r.sort(s -> s.startDate().desc()).page(p -> p.limit(2).after(cursor)))
                .items())
        .hasSize(2);
  }

  static int group(long key) {
    for (int i = 0; i < GROUPS.size(); i++) {
      if (GROUPS.get(i).contains(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown " + key);
  }

  static List<SearchResponse<ProcessInstance>> forwards(
      UnaryOperator<ProcessInstanceSearchRequest> sort, int limit) {
    List<SearchResponse<ProcessInstance>> pages = new ArrayList<>();
    SearchResponse<ProcessInstance> page = search(r -> sort.apply(r).page(p -> p.limit(limit)));
    pages.add(page);
    while (page.items().size() == limit) {
      String after = page.page().endCursor();
      page = search(r -> sort.apply(r).page(p -> p.limit(limit).after(after)));
      if (page.items().isEmpty()) {
        break;
      }
      pages.add(page);
    }
    return pages;
  }

  /** The keys before a page, read backwards page by page with {@code before}, in sort order. */
  static List<Long> backwards(
      UnaryOperator<ProcessInstanceSearchRequest> sort,
      SearchResponse<ProcessInstance> from,
      int limit) {
    List<List<Long>> pages = new ArrayList<>();
    SearchResponse<ProcessInstance> page = from;
    while (true) {
      String before = page.page().startCursor();
      page = search(r -> sort.apply(r).page(p -> p.limit(limit).before(before)));
      if (page.items().isEmpty()) {
        break;
      }
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      pages.add(0, keys(page));
    }
    return pages.stream().flatMap(List::stream).toList();
  }

  static void assertRefused(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String cursor) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(400);
              assertThat(problem.details().getDetail())
                  .isEqualTo(
                      "The cursor '"
                          + cursor
                          + "' is not one this engine handed out for this search and sort.");
            });
  }
}
