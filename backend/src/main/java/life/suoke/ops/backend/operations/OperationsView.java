package life.suoke.ops.backend.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import life.suoke.ops.backend.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What operators see, read through the Camunda client's search API only (so the same against the
 * embedded engine and a Camunda 8.8 cluster's secondary storage): process definitions with their
 * instance counts, the instance list (filters, cursor pages), an instance with its element
 * instances, incidents and variables, and a process version's heat map.
 */
@Service
public class OperationsView {

  /** Most element instances, incidents or variables read for one instance page or heat map. */
  static final int MAX_ROWS = 50_000;

  /**
   * Rows per search request when reading everything of an instance or a version (one request for a
   * 1,000-element instance).
   */
  private static final int PAGE = 5_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One version of a process with its instance counts. A search counts up to 10,000 matches (as a
   * Camunda cluster's does); {@code atLeast} names the counts that reached that bound (e.g. {@code
   * ["completed"]}: at least that many).
   */
  public record DefinitionStats(
      String processDefinitionId,
      String name,
      int version,
      String processDefinitionKey,
      long active,
      long withIncident,
      long completed,
      List<String> atLeast) {}

  /**
   * The list's filters; null means any. {@code variableValue} is JSON (e.g. {@code "abc"} or {@code
   * 42}).
   */
  public record InstanceFilter(
      String processDefinitionId,
      Integer version,
      String state,
      Boolean withIncident,
      String businessKey,
      OffsetDateTime startedFrom,
      OffsetDateTime startedTo,
      String variableName,
      String variableValue) {}

  /** A row of the list. */
  public record InstanceRow(
      String processInstanceKey,
      String processDefinitionId,
      String processName,
      int version,
      String processDefinitionKey,
      String state,
      boolean hasIncident,
      OffsetDateTime startDate,
      OffsetDateTime endDate) {}

  /**
   * A page of the list: {@code next} is the cursor of the page after it (null on the last); {@code
   * total} is exact unless {@code hasMoreTotal} (then there are at least that many, as a search
   * counts up to 10,000 matches).
   */
  public record InstancePage(
      List<InstanceRow> items, long total, boolean hasMoreTotal, String next) {}

  public record ElementRow(
      String elementInstanceKey,
      String elementId,
      String elementName,
      String type,
      String state,
      String scopeKey,
      OffsetDateTime startDate,
      OffsetDateTime endDate,
      String incidentKey) {}

  public record IncidentRow(
      String incidentKey,
      String elementId,
      String elementInstanceKey,
      String jobKey,
      String errorType,
      String errorMessage,
      String state,
      OffsetDateTime creationTime) {}

  public record VariableRow(String variableKey, String name, String value, String scopeKey) {}

  /** Per element: active, completed, terminated, incidents. */
  public record ElementCounts(long active, long completed, long terminated, long incidents) {}

  public record InstanceDetail(
      InstanceRow instance,
      List<ElementRow> elements,
      List<IncidentRow> incidents,
      List<VariableRow> variables,
      Map<String, ElementCounts> counts,
      boolean truncated) {}

  /** One change of a variable, from the audit trail. */
  public record VariableChange(
      String name, String scopeKey, String value, String actor, String at, String action) {}

  /**
   * Per element of a version: instances (entered), active, incidents, average time of the completed
   * ones.
   */
  public record HeatCell(long instances, long active, long incidents, Long averageMillis) {}

  public record HeatMap(
      String processDefinitionKey,
      Map<String, HeatCell> elements,
      long sampled,
      boolean truncated) {}

  private final CamundaClient client;
  private final JdbcTemplate jdbc;

  public OperationsView(CamundaClient client, JdbcTemplate jdbc) {
    this.client = client;
    this.jdbc = jdbc;
  }

  /**
   * Every process version with its counts of active instances, those with an incident, and
   * completed ones.
   */
  public List<DefinitionStats> definitions() {
    List<ProcessDefinition> definitions =
        all(
            after ->
                client
                    .newProcessDefinitionSearchRequest()
                    .sort(s -> s.processDefinitionId().asc())
                    .page(p -> page(p, after, PAGE))
                    .send()
                    .join());
    List<CompletableFuture<DefinitionStats>> stats = new ArrayList<>();
    for (ProcessDefinition d : definitions) {
      long key = d.getProcessDefinitionKey();
      var active = count(key, ProcessInstanceState.ACTIVE, null);
      var incident = count(key, ProcessInstanceState.ACTIVE, true);
      var completed = count(key, ProcessInstanceState.COMPLETED, null);
      stats.add(
          CompletableFuture.allOf(active, incident, completed)
              .thenApply(
                  v -> {
                    List<String> atLeast = new ArrayList<>();
                    if (active.join().more()) {
                      atLeast.add("active");
                    }
                    if (incident.join().more()) {
                      atLeast.add("withIncident");
                    }
                    if (completed.join().more()) {
                      atLeast.add("completed");
                    }
                    return new DefinitionStats(
                        d.getProcessDefinitionId(),
                        d.getName() == null ? d.getProcessDefinitionId() : d.getName(),
                        d.getVersion(),
                        Long.toString(key),
                        active.join().total(),
                        incident.join().total(),
                        completed.join().total(),
                        List.copyOf(atLeast));
                  }));
    }
    List<DefinitionStats> result =
        new ArrayList<>(stats.stream().map(CompletableFuture::join).toList());
    result.sort(
        Comparator.comparing(DefinitionStats::processDefinitionId)
            .thenComparing(DefinitionStats::version, Comparator.reverseOrder()));
    return result;
  }

  /** A search's total: exact, or a lower bound when {@code more}. */
  private record Total(long total, boolean more) {}

  private CompletableFuture<Total> count(
      long definitionKey, ProcessInstanceState state, Boolean incident) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(
            f -> {
              f.processDefinitionKey(definitionKey).state(state);
              if (incident != null) {
                f.hasIncident(incident);
              }
            })
        .page(p -> p.limit(1))
        .send()
        .toCompletableFuture()
        .thenApply(
            r ->
                new Total(
                    r.page().totalItems(), Boolean.TRUE.equals(r.page().hasMoreTotalItems())));
  }

  /**
   * A page of instances, newest first (start date, then key), continued with the cursor the
   * previous page gave ({@code after}): the client's cursor pages, not offsets.
   */
  public InstancePage instances(InstanceFilter filter, String after, int limit) {
    if (limit < 1 || limit > 200) {
      throw ApiProblem.badRequest("limit", "is between 1 and 200");
    }
    Consumer<ProcessInstanceFilter> apply = filter(filter);
    SearchResponse<ProcessInstance> response;
    try {
      response =
          client
              .newProcessInstanceSearchRequest()
              .filter(apply)
              .sort(s -> s.startDate().desc().processInstanceKey().desc())
              .page(p -> page(p, after, limit))
              .send()
              .join();
    } catch (ProblemException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          detail(e),
          List.of(new ApiProblem.FieldError("after", detail(e))));
    }
    List<InstanceRow> rows = response.items().stream().map(OperationsView::row).toList();
    String next = rows.size() < limit ? null : response.page().endCursor();
    return new InstancePage(
        rows,
        response.page().totalItems(),
        Boolean.TRUE.equals(response.page().hasMoreTotalItems()),
        next);
  }

  /**
   * The list's filter as the client's process instance filter (the same for a list page and for a
   * batch operation over it); a bad value is a 400 naming its field.
   */
  static Consumer<ProcessInstanceFilter> filter(InstanceFilter filter) {
    ProcessInstanceState state = parseState(filter.state());
    Map<String, Object> variables = new LinkedHashMap<>();
    if (filter.businessKey() != null && !filter.businessKey().isBlank()) {
      variables.put("businessKey", filter.businessKey());
    }
    if (filter.variableName() != null && !filter.variableName().isBlank()) {
      if (filter.variableValue() == null || filter.variableValue().isBlank()) {
        throw ApiProblem.badRequest("variableValue", "is required with variableName");
      }
      variables.put(filter.variableName(), jsonValue(filter.variableValue()));
    }
    return f -> {
      if (filter.processDefinitionId() != null && !filter.processDefinitionId().isBlank()) {
        f.processDefinitionId(filter.processDefinitionId());
      }
      if (filter.version() != null) {
        f.processDefinitionVersion(filter.version());
      }
      if (state != null) {
        f.state(state);
      }
      if (filter.withIncident() != null) {
        f.hasIncident(filter.withIncident());
      }
      if (filter.startedFrom() != null || filter.startedTo() != null) {
        f.startDate(
            d -> {
              if (filter.startedFrom() != null) {
                d.gte(filter.startedFrom());
              }
              if (filter.startedTo() != null) {
                d.lt(filter.startedTo());
              }
            });
      }
      if (!variables.isEmpty()) {
        f.variables(variables);
      }
    };
  }

  /** An instance with its element instances, incidents, variables and per-element counts. */
  public InstanceDetail instance(long processInstanceKey) {
    ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(processInstanceKey).send().join();
    } catch (ProblemException e) {
      throw e.code() == 404
          ? ApiProblem.notFound("no process instance " + processInstanceKey)
          : new ApiProblem(HttpStatus.BAD_GATEWAY, detail(e), List.of());
    }
    var elementsFuture =
        CompletableFuture.supplyAsync(
            () ->
                all(
                    after ->
                        client
                            .newElementInstanceSearchRequest()
                            .filter(f -> f.processInstanceKey(processInstanceKey))
                            .sort(s -> s.startDate().asc().elementInstanceKey().asc())
                            .page(p -> page(p, after, PAGE))
                            .send()
                            .join()));
    var incidentsFuture =
        CompletableFuture.supplyAsync(
            () ->
                all(
                    after ->
                        client
                            .newIncidentSearchRequest()
                            .filter(f -> f.processInstanceKey(processInstanceKey))
                            .page(p -> page(p, after, PAGE))
                            .send()
                            .join()));
    var variablesFuture =
        CompletableFuture.supplyAsync(
            () ->
                all(
                    after ->
                        client
                            .newVariableSearchRequest()
                            .filter(f -> f.processInstanceKey(processInstanceKey))
                            .page(p -> page(p, after, PAGE))
                            .send()
                            .join()));
    List<ElementInstance> elements = elementsFuture.join();
    List<Incident> incidents = incidentsFuture.join();
    List<Variable> variables = variablesFuture.join();
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (ElementInstance e : elements) {
      long[] c = counts.computeIfAbsent(e.getElementId(), k -> new long[4]);
      switch (String.valueOf(e.getState())) {
        case "ACTIVE" -> c[0]++;
        case "COMPLETED" -> c[1]++;
        default -> c[2]++;
      }
    }
    for (Incident i : incidents) {
      if (i.getState() == IncidentState.ACTIVE && i.getElementId() != null) {
        counts.computeIfAbsent(i.getElementId(), k -> new long[4])[3]++;
      }
    }
    Map<String, ElementCounts> elementCounts = new LinkedHashMap<>();
    counts.forEach((id, c) -> elementCounts.put(id, new ElementCounts(c[0], c[1], c[2], c[3])));
    boolean truncated = elements.size() >= MAX_ROWS || variables.size() >= MAX_ROWS;
    return new InstanceDetail(
        row(instance),
        elements.stream()
            .map(
                e ->
                    new ElementRow(
                        str(e.getElementInstanceKey()),
                        e.getElementId(),
                        e.getElementName(),
                        String.valueOf(e.getType()),
                        String.valueOf(e.getState()),
                        null,
                        e.getStartDate(),
                        e.getEndDate(),
                        str(e.getIncidentKey())))
            .toList(),
        incidents.stream().map(OperationsView::incident).toList(),
        variables.stream()
            .map(
                v ->
                    new VariableRow(
                        str(v.getVariableKey()), v.getName(), v.getValue(), str(v.getScopeKey())))
            .toList(),
        elementCounts,
        truncated);
  }

  /** The process definition's XML, for the diagram. */
  public String xml(long processDefinitionKey) {
    try {
      return client.newProcessDefinitionGetXmlRequest(processDefinitionKey).send().join();
    } catch (ProblemException e) {
      throw e.code() == 404
          ? ApiProblem.notFound("no process definition " + processDefinitionKey)
          : new ApiProblem(HttpStatus.BAD_GATEWAY, detail(e), List.of());
    }
  }

  /** A process version's heat map over its element instances (at most {@value #MAX_ROWS} read). */
  public HeatMap heatMap(long processDefinitionKey) {
    List<ElementInstance> elements =
        all(
            after ->
                client
                    .newElementInstanceSearchRequest()
                    .filter(f -> f.processDefinitionKey(processDefinitionKey))
                    .sort(s -> s.elementInstanceKey().asc())
                    .page(p -> page(p, after, PAGE))
                    .send()
                    .join());
    List<Incident> incidents =
        all(
            after ->
                client
                    .newIncidentSearchRequest()
                    .filter(
                        f ->
                            f.processDefinitionKey(processDefinitionKey)
                                .state(IncidentState.ACTIVE))
                    .page(p -> page(p, after, PAGE))
                    .send()
                    .join());
    Map<String, long[]> cells = new LinkedHashMap<>();
    for (ElementInstance e : elements) {
      long[] c = cells.computeIfAbsent(e.getElementId(), k -> new long[5]);
      c[0]++;
      if ("ACTIVE".equals(String.valueOf(e.getState()))) {
        c[1]++;
      }
      if (e.getEndDate() != null
          && e.getStartDate() != null
          && "COMPLETED".equals(String.valueOf(e.getState()))) {
        c[3] += Duration.between(e.getStartDate(), e.getEndDate()).toMillis();
        c[4]++;
      }
    }
    for (Incident i : incidents) {
      if (i.getElementId() != null) {
        cells.computeIfAbsent(i.getElementId(), k -> new long[5])[2]++;
      }
    }
    Map<String, HeatCell> result = new LinkedHashMap<>();
    cells.forEach(
        (id, c) -> result.put(id, new HeatCell(c[0], c[1], c[2], c[4] == 0 ? null : c[3] / c[4])));
    return new HeatMap(
        Long.toString(processDefinitionKey), result, elements.size(), elements.size() >= MAX_ROWS);
  }

  // ------------------------------------------------------------------ helpers

  static <T> List<T> all(Function<String, SearchResponse<T>> fetch) {
    List<T> all = new ArrayList<>();
    String after = null;
    while (all.size() < MAX_ROWS) {
      SearchResponse<T> page = fetch.apply(after);
      all.addAll(page.items());
      if (page.items().size() < PAGE || page.page().endCursor() == null) {
        break;
      }
      after = page.page().endCursor();
    }
    return all;
  }

  private static io.camunda.client.api.search.request.SearchRequestPage page(
      io.camunda.client.api.search.request.SearchRequestPage p, String after, int limit) {
    p.limit(limit);
    if (after != null && !after.isBlank()) {
      p.after(after);
    }
    return p;
  }

  static InstanceRow row(ProcessInstance p) {
    return new InstanceRow(
        str(p.getProcessInstanceKey()),
        p.getProcessDefinitionId(),
        p.getProcessDefinitionName(),
        p.getProcessDefinitionVersion() == null ? 0 : p.getProcessDefinitionVersion(),
        str(p.getProcessDefinitionKey()),
        String.valueOf(p.getState()),
        Boolean.TRUE.equals(p.getHasIncident()),
        p.getStartDate(),
        p.getEndDate());
  }

  static IncidentRow incident(Incident i) {
    return new IncidentRow(
        str(i.getIncidentKey()),
        i.getElementId(),
        str(i.getElementInstanceKey()),
        str(i.getJobKey()),
        String.valueOf(i.getErrorType()),
        i.getErrorMessage(),
        String.valueOf(i.getState()),
        i.getCreationTime());
  }

  private static ProcessInstanceState parseState(String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return ProcessInstanceState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("state", "is ACTIVE, COMPLETED or TERMINATED");
    }
  }

  private static Object jsonValue(String text) {
    try {
      return JSON.readValue(text, Object.class);
    } catch (java.io.IOException e) {
      return text;
    }
  }

  static String str(Long value) {
    return value == null ? null : value.toString();
  }

  static String detail(ProblemException e) {
    return e.details() != null && e.details().getDetail() != null
        ? e.details().getDetail()
        : e.getMessage();
  }
}
