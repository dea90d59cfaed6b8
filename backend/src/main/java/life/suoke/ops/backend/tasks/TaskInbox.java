package life.suoke.ops.backend.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * The inbox: the open user tasks a user may see, in three views, filtered, sorted and paged, with
 * the count of each view. Everything goes through the Camunda client's user task search, so it runs
 * unchanged against a Camunda 8.8 cluster.
 *
 * <p>The client's filter has no OR, so each view is a union of filters that are disjoint by
 * construction (for user {@code u} in groups {@code G}):
 *
 * <ul>
 *   <li>mine: assignee = u;
 *   <li>groups: unassigned and candidate user u; unassigned, candidate group in G and candidate
 *       user not u;
 *   <li>all: assignee = u; candidate user u and assignee not u; unassigned, candidate group in G
 *       and candidate user not u; assigned to someone other than u, candidate group in G and
 *       candidate user not u (auditors: every open task).
 * </ul>
 *
 * The third piece of <i>all</i> is the second of <i>groups</i>, so it is searched once for both: it
 * is the large one (most open tasks are unassigned), and its exact count is the costly part of a
 * request. The totals of disjoint searches add up exactly. The text filter (a part of the task's
 * name or of the business key) is itself a union: the task names that contain the text (known from
 * the deployed models, {@link TaskNames}; disjoint, as a task has one name) and the business key
 * pattern, which may overlap them; that overlap is subtracted (inclusion–exclusion), so totals stay
 * exact. A page is the k-way merge of the first {@code (page + 1) * size} tasks of each search in
 * the requested order (the engine's: the sort value with absent values last, then the key), with
 * duplicates dropped. All searches of a request run at once, and a filter needed twice is searched
 * once.
 */
@Service
public class TaskInbox {

  static final String BUSINESS_KEY = "businessKey";

  /** How deep the merge may page (the engine's and Camunda's largest page). */
  static final int MAX_WINDOW = 10_000;

  private final CamundaClient client;
  private final TaskNames names;
  private final ObjectMapper json;

  public TaskInbox(CamundaClient client, TaskNames names, ObjectMapper json) {
    this.client = client;
    this.names = names;
    this.json = json;
  }

  /**
   * A union of filters: the searches that list its tasks and the signed counts that add up to its
   * total.
   */
  private record Union(List<TaskFilter> pieces, List<TaskFilter> plus, List<TaskFilter> minus) {}

  public InboxPage search(CurrentUser user, InboxQuery query) {
    int need = (query.page() + 1) * query.size();
    if (need > MAX_WINDOW) {
      throw ApiProblem.badRequest(
          "page", "page and size reach beyond the first " + MAX_WINDOW + " tasks");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime due =
        query.dueBefore() == null ? null : query.dueBefore().atOffset(ZoneOffset.UTC);
    if (query.overdue() && (due == null || now.isBefore(due))) {
      due = now;
    }
    TaskFilter common =
        TaskFilter.OPEN.common(
            query.process(), query.priority(), due, query.followUp() ? now : null);
    List<TaskFilter> alternatives = textAlternatives(query.text());

    Map<InboxQuery.View, Union> views = new LinkedHashMap<>();
    for (InboxQuery.View view : InboxQuery.View.values()) {
      views.put(view, union(base(user, view, query.candidateGroup(), common), alternatives));
    }

    // the listed view's searches, with items; every other count with a page of one
    Map<TaskFilter, CompletableFuture<SearchResponse<UserTask>>> searches = new HashMap<>();
    Union listed = views.get(query.view());
    for (TaskFilter piece : listed.pieces()) {
      searches.put(piece, search(piece, query, need));
    }
    for (Union union : views.values()) {
      for (TaskFilter f : union.plus()) {
        searches.computeIfAbsent(f, k -> search(k, query, 1));
      }
      for (TaskFilter f : union.minus()) {
        searches.computeIfAbsent(f, k -> search(k, query, 1));
      }
    }
    try {
      CompletableFuture.allOf(searches.values().toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }

    long mine = total(views.get(InboxQuery.View.MINE), searches);
    long groups = total(views.get(InboxQuery.View.GROUPS), searches);
    long all = total(views.get(InboxQuery.View.ALL), searches);
    long total =
        switch (query.view()) {
          case MINE -> mine;
          case GROUPS -> groups;
          case ALL -> all;
        };

    List<List<UserTask>> lists = new ArrayList<>();
    for (TaskFilter piece : listed.pieces()) {
      lists.add(searches.get(piece).join().items());
    }
    List<UserTask> merged = merge(lists, comparator(query), need);
    List<UserTask> page =
        merged.size() <= query.page() * query.size()
            ? List.of()
            : merged.subList(query.page() * query.size(), merged.size());
    Map<Long, String> businessKeys = businessKeys(page);
    List<TaskSummary> items = new ArrayList<>(page.size());
    for (UserTask task : page) {
      items.add(TaskSummary.of(task, businessKeys.get(task.getProcessInstanceKey())));
    }
    return new InboxPage(
        items, total, query.page(), query.size(), new InboxPage.Counts(mine, groups, all));
  }

  /** The disjoint filters whose union is the view, before the text filter. */
  static List<TaskFilter> base(
      CurrentUser user, InboxQuery.View view, String candidateGroup, TaskFilter common) {
    String me = user.username();
    List<String> groups = new ArrayList<>(user.groups());
    groups.sort(null);
    List<TaskFilter> base = new ArrayList<>();
    TaskFilter mine = common.assignee(me);
    if (view == InboxQuery.View.MINE) {
      base.add(mine);
    } else if (view == InboxQuery.View.ALL && user.isAuditor()) {
      base.add(common);
    } else if (view == InboxQuery.View.GROUPS) {
      base.add(common.unassigned().candidateUser(me));
      base.add(common.unassigned().candidateUserNot(me).candidateGroups(groups));
    } else {
      base.add(mine);
      base.add(common.assigneeNot(me).candidateUser(me));
      // the same filter as the groups view's second piece, and the rest of the group's tasks
      base.add(common.unassigned().candidateUserNot(me).candidateGroups(groups));
      base.add(common.assignedNot(me).candidateUserNot(me).candidateGroups(groups));
    }
    // the candidate group filter narrows the group condition, or adds one
    List<TaskFilter> narrowed = new ArrayList<>();
    for (TaskFilter f : base) {
      if (f.candidateGroups() == null) {
        narrowed.add(candidateGroup == null ? f : f.candidateGroups(List.of(candidateGroup)));
      } else if (candidateGroup == null) {
        if (!f.candidateGroups().isEmpty()) {
          narrowed.add(f);
        }
      } else if (f.candidateGroups().contains(candidateGroup)) {
        narrowed.add(f.candidateGroups(List.of(candidateGroup)));
      }
    }
    return narrowed;
  }

  /**
   * The text filter's alternatives: each matching task name, then the business key pattern; empty
   * without text.
   */
  private List<TaskFilter> textAlternatives(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String trimmed = text.trim();
    List<TaskFilter> alternatives = new ArrayList<>();
    for (String name : names.containing(trimmed)) {
      alternatives.add(TaskFilter.OPEN.name(name));
    }
    // the client's wildcards are * and ?; a literal one in the text matches any character
    String literal = trimmed.replace('*', '?');
    alternatives.add(TaskFilter.OPEN.businessKeyLike("*" + literal + "*"));
    return alternatives;
  }

  /**
   * The view's union with the text filter applied: each base filter with each alternative. Base
   * filters are disjoint and so are the name alternatives; only a name and the business key
   * overlap, and that overlap is counted with a minus.
   */
  private static Union union(List<TaskFilter> base, List<TaskFilter> alternatives) {
    if (alternatives.isEmpty()) {
      return new Union(base, base, List.of());
    }
    TaskFilter businessKey = alternatives.get(alternatives.size() - 1);
    List<TaskFilter> pieces = new ArrayList<>();
    List<TaskFilter> minus = new ArrayList<>();
    for (TaskFilter b : base) {
      for (TaskFilter alternative : alternatives) {
        pieces.add(b.and(alternative));
        if (alternative != businessKey) {
          minus.add(b.and(alternative).and(businessKey));
        }
      }
    }
    return new Union(pieces, pieces, minus);
  }

  private static long total(
      Union union, Map<TaskFilter, CompletableFuture<SearchResponse<UserTask>>> searches) {
    long total = 0;
    for (TaskFilter f : union.plus()) {
      total += totalOf(searches.get(f).join());
    }
    for (TaskFilter f : union.minus()) {
      total -= totalOf(searches.get(f).join());
    }
    return total;
  }

  private static long totalOf(SearchResponse<UserTask> response) {
    Long total = response.page() == null ? null : response.page().totalItems();
    return total == null ? response.items().size() : total;
  }

  private CompletableFuture<SearchResponse<UserTask>> search(
      TaskFilter filter, InboxQuery query, int limit) {
    return client
        .newUserTaskSearchRequest()
        .filter(filter::applyTo)
        .sort(
            s -> {
              switch (query.sort()) {
                case DUE -> s.dueDate();
                case PRIORITY -> s.priority();
                case CREATED -> s.creationDate();
              }
              if (query.descending()) {
                s.desc();
              } else {
                s.asc();
              }
            })
        .page(p -> p.from(0).limit(limit))
        .send()
        .toCompletableFuture();
  }

  /** The engine's order: the sort value (absent ones last, in either direction), then the key. */
  static Comparator<UserTask> comparator(InboxQuery query) {
    Comparator<UserTask> byValue =
        switch (query.sort()) {
          case DUE ->
              Comparator.comparing(
                  t -> t.getDueDate() == null ? null : t.getDueDate().toInstant(),
                  nullsLast(query.descending()));
          case PRIORITY ->
              Comparator.comparing(UserTask::getPriority, nullsLast(query.descending()));
          case CREATED ->
              Comparator.comparing(
                  t -> t.getCreationDate() == null ? null : t.getCreationDate().toInstant(),
                  nullsLast(query.descending()));
        };
    return byValue.thenComparing(UserTask::getUserTaskKey);
  }

  private static <T extends Comparable<? super T>> Comparator<T> nullsLast(boolean descending) {
    Comparator<T> natural = Comparator.naturalOrder();
    return Comparator.nullsLast(descending ? natural.reversed() : natural);
  }

  /** The first {@code limit} tasks of the sorted lists together, each task once. */
  static List<UserTask> merge(List<List<UserTask>> lists, Comparator<UserTask> order, int limit) {
    if (lists.size() == 1) {
      List<UserTask> only = lists.get(0);
      return only.size() <= limit ? only : only.subList(0, limit);
    }
    record Head(UserTask task, int list, int index) {}
    PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> order.compare(a.task(), b.task()));
    for (int i = 0; i < lists.size(); i++) {
      if (!lists.get(i).isEmpty()) {
        heads.add(new Head(lists.get(i).get(0), i, 0));
      }
    }
    List<UserTask> merged = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    while (!heads.isEmpty() && merged.size() < limit) {
      Head head = heads.poll();
      if (seen.add(head.task().getUserTaskKey())) {
        merged.add(head.task());
      }
      List<UserTask> list = lists.get(head.list());
      if (head.index() + 1 < list.size()) {
        heads.add(new Head(list.get(head.index() + 1), head.list(), head.index() + 1));
      }
    }
    return merged;
  }

  /**
   * The business keys of the tasks' process instances (the root scope's variable), in one search.
   */
  Map<Long, String> businessKeys(List<UserTask> tasks) {
    Set<Long> instances = new LinkedHashSet<>();
    for (UserTask task : tasks) {
      if (task.getProcessInstanceKey() != null) {
        instances.add(task.getProcessInstanceKey());
      }
    }
    Map<Long, String> keys = new HashMap<>();
    if (instances.isEmpty()) {
      return keys;
    }
    List<Long> scopes = List.copyOf(instances);
    SearchResponse<Variable> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.name(BUSINESS_KEY).scopeKey(p -> p.in(scopes)))
            .page(p -> p.limit(scopes.size()))
            .send()
            .join();
    for (Variable variable : found.items()) {
      keys.put(variable.getScopeKey(), text(variable.getValue()));
    }
    return keys;
  }

  /** A variable's JSON value as text: a string's content, anything else as JSON. */
  String text(String jsonValue) {
    if (jsonValue == null) {
      return null;
    }
    try {
      JsonNode node = json.readTree(jsonValue);
      if (node == null || node.isNull()) {
        return null;
      }
      return node.isTextual() ? node.textValue() : node.toString();
    } catch (Exception e) {
      return jsonValue;
    }
  }

  static Instant parseInstant(String value) {
    return value == null || value.isBlank() ? null : OffsetDateTime.parse(value).toInstant();
  }
}
