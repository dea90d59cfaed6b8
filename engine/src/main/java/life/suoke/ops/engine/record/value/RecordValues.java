package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import life.suoke.ops.engine.record.ValueType;

/** The typed value of each value type that has one, read from a record's JSON value. */
public final class RecordValues {

  private RecordValues() {}

  /** Whether records of {@code type} have a typed value here. */
  public static boolean typed(ValueType type) {
    return switch (type) {
      case PROCESS_INSTANCE -> true;
      case JOB -> true;
      case JOB_BATCH -> true;
      case USER_TASK -> true;
      case INCIDENT -> true;
      case TIMER -> true;
      case MESSAGE -> true;
      case PROCESS_MESSAGE_SUBSCRIPTION -> true;
      case MESSAGE_START_EVENT_SUBSCRIPTION -> true;
      case VARIABLE -> true;
      case PROCESS -> true;
      case DECISION -> true;
      case DECISION_REQUIREMENTS -> true;
      case FORM -> true;
      case SIGNAL_SUBSCRIPTION -> true;
      case COMPENSATION_SUBSCRIPTION -> true;
      case PROCESS_EVENT -> true;
      case CLOCK -> true;
      case AD_HOC_SUB_PROCESS_INSTRUCTION -> true;
      case BATCH_OPERATION_CREATION -> true;
      case BATCH_OPERATION_INITIALIZATION -> true;
      case BATCH_OPERATION_CHUNK -> true;
      case BATCH_OPERATION_EXECUTION -> true;
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT -> true;
      case DEPLOYMENT -> true;
      case DECISION_EVALUATION -> true;
      case PROCESS_INSTANCE_CREATION -> true;
      case PROCESS_INSTANCE_MIGRATION -> true;
      case PROCESS_INSTANCE_MODIFICATION -> true;
      case RESOURCE_DELETION -> true;
      case VARIABLE_DOCUMENT -> true;
      case MESSAGE_CORRELATION -> true;
      case SIGNAL -> true;
      case ESCALATION -> true;
      default -> false;
    };
  }

  /**
   * The typed value of a record of {@code type}; a missing or mistyped field is a {@link
   * RecordValueException}.
   */
  public static RecordValue of(ValueType type, Map<String, Object> json) {
    return switch (type) {
      case PROCESS_INSTANCE -> ProcessInstanceValue.of(json);
      case JOB -> JobValue.of(json);
      case JOB_BATCH -> JobBatchValue.of(json);
      case USER_TASK -> UserTaskValue.of(json);
      case INCIDENT -> IncidentValue.of(json);
      case TIMER -> TimerValue.of(json);
      case MESSAGE -> MessageValue.of(json);
      case PROCESS_MESSAGE_SUBSCRIPTION -> ProcessMessageSubscriptionValue.of(json);
      case MESSAGE_START_EVENT_SUBSCRIPTION -> MessageStartEventSubscriptionValue.of(json);
      case VARIABLE -> VariableValue.of(json);
      case PROCESS -> ProcessValue.of(json);
      case DECISION -> DecisionValue.of(json);
      case DECISION_REQUIREMENTS -> DecisionRequirementsValue.of(json);
      case FORM -> FormValue.of(json);
      case SIGNAL_SUBSCRIPTION -> SignalSubscriptionValue.of(json);
      case COMPENSATION_SUBSCRIPTION -> CompensationSubscriptionValue.of(json);
      case PROCESS_EVENT -> ProcessEventValue.of(json);
      case CLOCK -> ClockValue.of(json);
      case AD_HOC_SUB_PROCESS_INSTRUCTION -> AdHocSubProcessInstructionValue.of(json);
      case BATCH_OPERATION_CREATION -> BatchOperationCreationValue.of(json);
      case BATCH_OPERATION_INITIALIZATION -> BatchOperationInitializationValue.of(json);
      case BATCH_OPERATION_CHUNK -> BatchOperationChunkValue.of(json);
      case BATCH_OPERATION_EXECUTION -> BatchOperationExecutionValue.of(json);
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT -> BatchOperationLifecycleValue.of(json);
      case DEPLOYMENT -> DeploymentValue.of(json);
      case DECISION_EVALUATION -> DecisionEvaluationValue.of(json);
      case PROCESS_INSTANCE_CREATION -> ProcessInstanceCreationValue.of(json);
      case PROCESS_INSTANCE_MIGRATION -> ProcessInstanceMigrationValue.of(json);
      case PROCESS_INSTANCE_MODIFICATION -> ProcessInstanceModificationValue.of(json);
      case RESOURCE_DELETION -> ResourceDeletionValue.of(json);
      case VARIABLE_DOCUMENT -> VariableDocumentValue.of(json);
      case MESSAGE_CORRELATION -> MessageCorrelationValue.of(json);
      case SIGNAL -> SignalValue.of(json);
      case ESCALATION -> EscalationValue.of(json);
      default -> throw new IllegalArgumentException("No typed value for " + type + " records");
    };
  }

  /**
   * Checks that the typed value of an event holds exactly its JSON: every field the writer put is
   * one of the type's and none is missing. The engine calls it under {@code assert} for every event
   * it applies, so the tests check every writer; returns true or throws.
   */
  public static boolean holdsExactly(ValueType type, Map<String, Object> json) {
    if (!typed(type)) {
      return true;
    }
    Map<String, Object> read = of(type, json).toJson();
    if (!sameJson(read, json)) {
      TreeSet<String> extra = new TreeSet<>(json.keySet());
      extra.removeAll(read.keySet());
      throw new AssertionError(
          "The typed value of a "
              + type
              + " record does not hold its JSON (fields it lacks: "
              + extra
              + "): "
              + json);
    }
    return true;
  }

  private static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.longValue() == y.longValue() && x.doubleValue() == y.doubleValue();
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!sameJson(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }
}
