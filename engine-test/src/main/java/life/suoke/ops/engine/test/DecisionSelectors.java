package life.suoke.ops.engine.test;

import io.camunda.client.api.response.ProcessInstanceEvent;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The usual {@link DecisionSelector}s, named as in Camunda Process Test; combine them with {@code
 * and}.
 */
public final class DecisionSelectors {

  private DecisionSelectors() {}

  /** Evaluations of the decision with this id. */
  public static DecisionSelector byId(String decisionId) {
    Objects.requireNonNull(decisionId, "decisionId");
    return selector("decisionId: " + decisionId, d -> decisionId.equals(d.decisionId()));
  }

  /** Evaluations of the decision with this name. */
  public static DecisionSelector byName(String decisionName) {
    Objects.requireNonNull(decisionName, "decisionName");
    return selector("decisionName: " + decisionName, d -> decisionName.equals(d.decisionName()));
  }

  /** Evaluations by a business rule task of this process instance. */
  public static DecisionSelector byProcessInstanceKey(long processInstanceKey) {
    return selector(
        "processInstanceKey: " + processInstanceKey,
        d -> d.processInstanceKey() == processInstanceKey);
  }

  /** Evaluations by a business rule task of this process instance. */
  public static DecisionSelector byProcessInstance(ProcessInstanceEvent processInstance) {
    return byProcessInstanceKey(processInstance.getProcessInstanceKey());
  }

  private static DecisionSelector selector(
      String description, Predicate<DecisionInstance> predicate) {
    return new DecisionSelector() {
      @Override
      public boolean test(DecisionInstance decision) {
        return predicate.test(decision);
      }

      @Override
      public String describe() {
        return description;
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
