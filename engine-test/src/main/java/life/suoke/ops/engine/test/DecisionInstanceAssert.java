package life.suoke.ops.engine.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;
import org.assertj.core.api.AbstractAssert;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Assertions about a decision evaluation (a business rule task's, or one through the evaluation
 * API), checked against the {@code DECISION_EVALUATION} records of the engine's log: the last
 * evaluation the {@link DecisionSelector} picks, looked up afresh on every poll. Each assertion
 * waits until it holds or the assertion timeout passes; a failure message shows the evaluation, or
 * the evaluations there are.
 *
 * <p>Obtain one with {@link ProcessEngineAssertions#assertThatDecision(DecisionSelector)}.
 */
public final class DecisionInstanceAssert
    extends AbstractAssert<DecisionInstanceAssert, DecisionSelector> {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers are equal by value (1 = 1.0), as FEEL sees them. */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a instanceof NumericNode x && b instanceof NumericNode y) {
          return x.decimalValue().compareTo(y.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private final RecordStream stream;
  private final DecisionSelector selector;
  private Duration timeout;
  private Duration interval;

  DecisionInstanceAssert(
      RecordStream stream, DecisionSelector selector, Duration timeout, Duration interval) {
    super(Objects.requireNonNull(selector, "selector"), DecisionInstanceAssert.class);
    this.stream = stream;
    this.selector = selector;
    this.timeout = timeout;
    this.interval = interval;
  }

  /**
   * Waits at most this long for each following assertion of this object (default: the global
   * timeout).
   */
  public DecisionInstanceAssert withAssertionTimeout(Duration assertionTimeout) {
    this.timeout = ProcessEngineAssertions.requirePositive(assertionTimeout, "assertion timeout");
    return this;
  }

  /** The decision was evaluated successfully. */
  public DecisionInstanceAssert isEvaluated() {
    return await(
        "to be evaluated", d -> !d.failed(), d -> "its evaluation failed: " + d.failureMessage());
  }

  /** The evaluation failed (the incident's or the API answer's reason is in the message). */
  public DecisionInstanceAssert isFailed() {
    return await("to have failed", DecisionInstance::failed, d -> "it was evaluated");
  }

  /**
   * The decision's output equals this value: a Java value as the client would send it (a number,
   * string, boolean, map, list), compared with the output's JSON; numbers by value.
   */
  public DecisionInstanceAssert hasOutput(Object expected) {
    JsonNode wanted = JSON.valueToTree(expected);
    return await(
        "to have output " + wanted,
        d -> !d.failed() && sameJson(d.decisionOutput(), wanted),
        d ->
            d.failed()
                ? "its evaluation failed: " + d.failureMessage()
                : "its output is " + d.decisionOutput());
  }

  /** These rules (1-based, as in the decision table) are among those that matched. */
  public DecisionInstanceAssert hasMatchedRules(int... ruleIndexes) {
    List<Integer> wanted = Arrays.stream(ruleIndexes).boxed().toList();
    return await(
        "to have matched rules " + wanted,
        d -> d.matchedRules().containsAll(wanted),
        d -> "the matched rules are " + d.matchedRules());
  }

  /** None of these rules (1-based) matched. */
  public DecisionInstanceAssert hasNotMatchedRules(int... ruleIndexes) {
    List<Integer> unwanted = Arrays.stream(ruleIndexes).boxed().toList();
    return await(
        "not to have matched rules " + unwanted,
        d -> !d.failed() && d.matchedRules().stream().noneMatch(unwanted::contains),
        d -> "the matched rules are " + d.matchedRules());
  }

  /** No rule matched. */
  public DecisionInstanceAssert hasNoMatchedRules() {
    return await(
        "to have no matched rules",
        d -> !d.failed() && d.matchedRules().isEmpty(),
        d -> "the matched rules are " + d.matchedRules());
  }

  // ------------------------------------------------------------------------------- waiting

  private DecisionInstanceAssert await(
      String expectation,
      Predicate<DecisionInstance> holds,
      Function<DecisionInstance, String> problem) {
    AtomicReference<DecisionInstance> last = new AtomicReference<>();
    try {
      Awaitility.await()
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(interval)
          .atMost(timeout)
          .until(
              () -> {
                DecisionInstance selected = selected();
                last.set(selected);
                return selected != null && holds.test(selected);
              });
    } catch (ConditionTimeoutException e) {
      DecisionInstance selected = last.get();
      String report =
          selected == null
              ? "no decision evaluation matches (waited "
                  + timeout.toMillis()
                  + " ms).\nActual: "
                  + describeAll()
              : problem.apply(selected)
                  + " (waited "
                  + timeout.toMillis()
                  + " ms).\nActual: "
                  + selected.describe();
      failWithMessage(
          "%s",
          "Expected decision [" + selector.describe() + "] " + expectation + ", but " + report);
    }
    return myself;
  }

  /** The last evaluation the selector picks, or null. */
  private DecisionInstance selected() {
    DecisionInstance found = null;
    for (DecisionInstance each : evaluations()) {
      if (selector.test(each)) {
        found = each;
      }
    }
    return found;
  }

  private List<DecisionInstance> evaluations() {
    List<DecisionInstance> evaluations = new ArrayList<>();
    for (Record r : stream.records(ValueType.DECISION_EVALUATION)) {
      if (r.recordType() == RecordType.EVENT) {
        evaluations.add(DecisionInstance.of(r));
      }
    }
    return evaluations;
  }

  private String describeAll() {
    List<DecisionInstance> all = evaluations();
    if (all.isEmpty()) {
      return "no decision was evaluated";
    }
    StringBuilder text = new StringBuilder();
    for (DecisionInstance each : all) {
      text.append("\n  - ").append(each.describe());
    }
    return text.toString();
  }

  private static boolean sameJson(String actual, JsonNode wanted) {
    if (actual == null) {
      return false;
    }
    try {
      return JSON.readTree(actual).equals(SAME_VALUE, wanted);
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "DecisionInstanceAssert[" + selector.describe() + "]";
  }
}
