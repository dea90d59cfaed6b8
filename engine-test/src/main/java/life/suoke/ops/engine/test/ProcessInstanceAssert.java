package life.suoke.ops.engine.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import life.suoke.ops.engine.test.History.ElementState;
import life.suoke.ops.engine.test.History.Instance;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about one process instance, checked against the engine's record log, so they see
 * completed history as well as the present. Each assertion waits until its property holds, and
 * fails when the assertion timeout passes first, or at once when the property can no longer come
 * true (for example {@link #isActive()} on a completed instance). A failure message says what the
 * instance actually did: its state, its active, completed and terminated elements, its incidents
 * and its variables.
 *
 * <p>Obtain one with {@link
 * ProcessEngineAssertions#assertThat(io.camunda.client.api.response.ProcessInstanceEvent)}.
 */
public final class ProcessInstanceAssert extends AbstractAssert<ProcessInstanceAssert, Long> {

  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  /**
   * Numbers are equal when their values are (1 = 1.0 = 1L); everything else as Jackson compares it.
   */
  private static final Comparator<JsonNode> JSON_VALUES =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final RecordStream stream;
  private final long processInstanceKey;
  private Duration timeout;
  private Duration interval;

  ProcessInstanceAssert(
      RecordStream stream, long processInstanceKey, Duration timeout, Duration interval) {
    super(processInstanceKey, ProcessInstanceAssert.class);
    this.stream = stream;
    this.processInstanceKey = processInstanceKey;
    this.timeout = timeout;
    this.interval = interval;
  }

  /**
   * Waits at most this long for each following assertion of this object (default: the global
   * timeout).
   */
  public ProcessInstanceAssert withAssertionTimeout(Duration assertionTimeout) {
    this.timeout = ProcessEngineAssertions.requirePositive(assertionTimeout, "assertion timeout");
    return this;
  }

  /** Looks at the record log this often while waiting (default: the global interval). */
  public ProcessInstanceAssert withAssertionInterval(Duration assertionInterval) {
    this.interval =
        ProcessEngineAssertions.requirePositive(assertionInterval, "assertion interval");
    return this;
  }

  // ------------------------------------------------------------------------------- state

  /** The process instance exists (in any state). */
  public ProcessInstanceAssert isCreated() {
    return await("to be created", i -> Outcome.holdsOr(i.exists(), true), i -> "it does not exist");
  }

  /** The process instance is active: created and neither completed nor terminated. */
  public ProcessInstanceAssert isActive() {
    return await(
        "to be active",
        i -> Outcome.holdsOr(i.state == ElementState.ACTIVE, !i.ended()),
        ProcessInstanceAssert::stateProblem);
  }

  /** The process instance has completed. */
  public ProcessInstanceAssert isCompleted() {
    return await(
        "to be completed",
        i -> Outcome.holdsOr(i.state == ElementState.COMPLETED, i.state != ElementState.TERMINATED),
        ProcessInstanceAssert::stateProblem);
  }

  /** The process instance was terminated (canceled, or ended by a terminate end event). */
  public ProcessInstanceAssert isTerminated() {
    return await(
        "to be terminated",
        i -> Outcome.holdsOr(i.state == ElementState.TERMINATED, i.state != ElementState.COMPLETED),
        ProcessInstanceAssert::stateProblem);
  }

  private static String stateProblem(Instance i) {
    return i.exists() ? "it is " + i.state : "it does not exist";
  }

  // ------------------------------------------------------------------------------- elements

  /** Each of the elements has an active instance (entered and neither completed nor terminated). */
  public ProcessInstanceAssert hasActiveElements(String... elementIds) {
    List<String> ids = ids(elementIds);
    return await(
        "to have active elements " + ids,
        i -> Outcome.holdsOr(missing(i, ids, ElementState.ACTIVE).isEmpty(), !i.ended()),
        i -> "these are not active: " + missing(i, ids, ElementState.ACTIVE));
  }

  /** Each of the elements has a completed instance (the element was passed). */
  public ProcessInstanceAssert hasCompletedElements(String... elementIds) {
    List<String> ids = ids(elementIds);
    return await(
        "to have completed elements " + ids,
        i -> Outcome.holdsOr(missing(i, ids, ElementState.COMPLETED).isEmpty(), !i.ended()),
        i -> "these are not completed: " + missing(i, ids, ElementState.COMPLETED));
  }

  /** Each of the elements has a terminated instance. */
  public ProcessInstanceAssert hasTerminatedElements(String... elementIds) {
    List<String> ids = ids(elementIds);
    return await(
        "to have terminated elements " + ids,
        i -> Outcome.holdsOr(missing(i, ids, ElementState.TERMINATED).isEmpty(), !i.ended()),
        i -> "these are not terminated: " + missing(i, ids, ElementState.TERMINATED));
  }

  /** None of the elements has an active instance (they were never entered, or have ended). */
  public ProcessInstanceAssert hasNoActiveElements(String... elementIds) {
    List<String> ids = ids(elementIds);
    return await(
        "to have no active elements of " + ids,
        i ->
            Outcome.holdsOr(
                i.exists() && present(i.elementIds(ElementState.ACTIVE), ids).isEmpty(),
                !i.ended()),
        i ->
            i.exists()
                ? "these are active: " + present(i.elementIds(ElementState.ACTIVE), ids)
                : "it does not exist");
  }

  /**
   * None of the elements was ever entered. Holds at once if so; an element once entered stays
   * entered, so it fails at once otherwise (after waiting for the instance to exist).
   */
  public ProcessInstanceAssert hasNotActivatedElements(String... elementIds) {
    List<String> ids = ids(elementIds);
    return await(
        "to have not activated elements " + ids,
        i ->
            i.exists()
                ? Outcome.holdsOr(present(i.activatedElementIds(), ids).isEmpty(), false)
                : Outcome.NOT_YET,
        i ->
            i.exists()
                ? "these were activated: " + present(i.activatedElementIds(), ids)
                : "it does not exist");
  }

  /**
   * The element has exactly this many active instances (for a multi-instance activity: inner
   * instances), as Camunda Process Test's {@code hasActiveElement(id, times)}.
   */
  public ProcessInstanceAssert hasActiveElement(String elementId, int times) {
    Objects.requireNonNull(elementId, "element id");
    return await(
        "to have " + times + " active instance(s) of '" + elementId + "'",
        i -> Outcome.holdsOr(i.count(elementId, ElementState.ACTIVE) == times, !i.ended()),
        i -> "it has " + i.count(elementId, ElementState.ACTIVE));
  }

  /**
   * The element completed exactly this many times (inner instances, for a multi-instance activity).
   */
  public ProcessInstanceAssert hasCompletedElement(String elementId, int times) {
    Objects.requireNonNull(elementId, "element id");
    return await(
        "to have completed '" + elementId + "' " + times + " time(s)",
        i -> {
          int count = i.count(elementId, ElementState.COMPLETED);
          return Outcome.holdsOr(count == times, count < times && !i.ended());
        },
        i -> "it completed it " + i.count(elementId, ElementState.COMPLETED) + " time(s)");
  }

  /** Exactly this many instances of the element were terminated. */
  public ProcessInstanceAssert hasTerminatedElement(String elementId, int times) {
    Objects.requireNonNull(elementId, "element id");
    return await(
        "to have terminated '" + elementId + "' " + times + " time(s)",
        i -> {
          int count = i.count(elementId, ElementState.TERMINATED);
          return Outcome.holdsOr(count == times, count < times && !i.ended());
        },
        i -> "it terminated it " + i.count(elementId, ElementState.TERMINATED) + " time(s)");
  }

  private static List<String> missing(Instance i, List<String> ids, ElementState state) {
    Set<String> have = i.elementIds(state);
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      if (!have.contains(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  private static List<String> present(Set<String> have, List<String> ids) {
    List<String> present = new ArrayList<>();
    for (String id : ids) {
      if (have.contains(id)) {
        present.add(id);
      }
    }
    return present;
  }

  private static List<String> ids(String... elementIds) {
    if (elementIds == null || elementIds.length == 0) {
      throw new IllegalArgumentException("name at least one element id");
    }
    for (String id : elementIds) {
      Objects.requireNonNull(id, "element id");
    }
    return List.of(elementIds);
  }

  // ------------------------------------------------------------------------------- variables

  /** The process instance has variables (in its own, global scope) with these names. */
  public ProcessInstanceAssert hasVariableNames(String... names) {
    List<String> wanted = ids(names);
    return await(
        "to have variables " + wanted,
        i -> Outcome.holdsOr(i.exists() && i.variables.keySet().containsAll(wanted), !i.ended()),
        i ->
            "these are missing: "
                + wanted.stream().filter(n -> !i.variables.containsKey(n)).toList());
  }

  /**
   * The process instance has the variable (in its own, global scope) with this value. Values are
   * compared as JSON, the way the engine keeps them: numbers by value ({@code 1} equals {@code
   * 1.0}), maps and lists element by element, other objects as Jackson writes them.
   */
  public ProcessInstanceAssert hasVariable(String name, Object value) {
    Objects.requireNonNull(name, "name");
    JsonNode expected = toJson(value);
    return await(
        "to have variable '" + name + "' = " + expected,
        i -> Outcome.holdsOr(i.exists() && variableEquals(i, name, expected), !i.ended()),
        i -> variableProblem(i, name));
  }

  /** The process instance has all these variables with these values; see {@link #hasVariable}. */
  public ProcessInstanceAssert hasVariables(Map<String, Object> variables) {
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    variables.forEach((name, value) -> expected.put(name, toJson(value)));
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("name at least one variable");
    }
    return await(
        "to have variables " + expected,
        i ->
            Outcome.holdsOr(
                i.exists()
                    && expected.entrySet().stream()
                        .allMatch(e -> variableEquals(i, e.getKey(), e.getValue())),
                !i.ended()),
        i ->
            String.join(
                "; ",
                expected.entrySet().stream()
                    .filter(e -> !variableEquals(i, e.getKey(), e.getValue()))
                    .map(e -> variableProblem(i, e.getKey()))
                    .toList()));
  }

  private static boolean variableEquals(Instance i, String name, JsonNode expected) {
    String json = i.variables.get(name);
    if (json == null) {
      return false;
    }
    JsonNode actual = parse(json);
    return actual != null && actual.equals(JSON_VALUES, expected);
  }

  private static String variableProblem(Instance i, String name) {
    String json = i.variables.get(name);
    return json == null
        ? "there is no variable '" + name + "'"
        : "'" + name + "' is " + History.abbreviate(json, 500);
  }

  private static JsonNode toJson(Object value) {
    return value == null ? JSON.nullNode() : JSON.valueToTree(value);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------- incidents

  /** The process instance has at least one open incident. */
  public ProcessInstanceAssert hasActiveIncidents() {
    return await(
        "to have active incidents",
        i -> Outcome.holdsOr(!i.activeIncidents().isEmpty(), !i.ended()),
        i -> i.exists() ? "it has none" : "it does not exist");
  }

  /** The process instance has no open incident (it may have had incidents that were resolved). */
  public ProcessInstanceAssert hasNoActiveIncidents() {
    return await(
        "to have no active incidents",
        i -> Outcome.holdsOr(i.exists() && i.activeIncidents().isEmpty(), true),
        i -> i.exists() ? "it has " + i.activeIncidents().size() : "it does not exist");
  }

  // ------------------------------------------------------------------------------- waiting

  private ProcessInstanceAssert await(
      String expectation, Function<Instance, Outcome> check, Function<Instance, String> problem) {
    Awaiting.Result result =
        Awaiting.await(stream, timeout, interval, h -> check.apply(h.instance(processInstanceKey)));
    if (!result.holds()) {
      String[] report =
          stream.query(
              h -> {
                Instance i = h.instance(processInstanceKey);
                return new String[] {problem.apply(i), i.describe()};
              });
      failWithMessage(
          "%s",
          "Expected process instance "
              + processInstanceKey
              + " "
              + expectation
              + ", but "
              + report[0]
              + " ("
              + result.why()
              + ").\nActual: "
              + report[1]);
    }
    return myself;
  }

  @Override
  public String toString() {
    return "ProcessInstanceAssert[" + processInstanceKey + "]";
  }
}
