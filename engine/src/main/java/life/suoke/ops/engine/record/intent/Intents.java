package life.suoke.ops.engine.record.intent;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.ValueType;

/** The table behind {@link Intent#of}: the intents of each value type by name, built once. */
final class Intents {

  private static final Map<ValueType, Map<String, Intent>> BY_NAME = new EnumMap<>(ValueType.class);
  private static final Map<ValueType, List<Intent>> VALUES = new EnumMap<>(ValueType.class);

  static {
    for (ValueType valueType : ValueType.values()) {
      Intent[] intents = declared(valueType);
      Map<String, Intent> byName = new HashMap<>();
      for (Intent intent : intents) {
        if (intent.valueType() != valueType) {
          throw new IllegalStateException(
              intent.getClass().getSimpleName() + " is not the enum of " + valueType);
        }
        byName.put(intent.name(), intent);
      }
      BY_NAME.put(valueType, byName);
      VALUES.put(valueType, List.of(intents));
    }
  }

  private Intents() {}

  /** The enum of each value type: a switch without default, so that a new value type needs one. */
  private static Intent[] declared(ValueType valueType) {
    return switch (valueType) {
      case DEPLOYMENT -> DeploymentIntent.values();
      case PROCESS -> ProcessIntent.values();
      case DECISION -> DecisionIntent.values();
      case DECISION_REQUIREMENTS -> DecisionRequirementsIntent.values();
      case DECISION_EVALUATION -> DecisionEvaluationIntent.values();
      case FORM -> FormIntent.values();
      case RESOURCE_DELETION -> ResourceDeletionIntent.values();
      case PROCESS_INSTANCE -> ProcessInstanceIntent.values();
      case PROCESS_INSTANCE_CREATION -> ProcessInstanceCreationIntent.values();
      case PROCESS_INSTANCE_RESULT -> ProcessInstanceResultIntent.values();
      case PROCESS_EVENT -> ProcessEventIntent.values();
      case PROCESS_INSTANCE_MODIFICATION -> ProcessInstanceModificationIntent.values();
      case PROCESS_INSTANCE_MIGRATION -> ProcessInstanceMigrationIntent.values();
      case AD_HOC_SUB_PROCESS_INSTRUCTION -> AdHocSubProcessInstructionIntent.values();
      case JOB -> JobIntent.values();
      case JOB_BATCH -> JobBatchIntent.values();
      case USER_TASK -> UserTaskIntent.values();
      case VARIABLE -> VariableIntent.values();
      case VARIABLE_DOCUMENT -> VariableDocumentIntent.values();
      case INCIDENT -> IncidentIntent.values();
      case TIMER -> TimerIntent.values();
      case MESSAGE -> MessageIntent.values();
      case PROCESS_MESSAGE_SUBSCRIPTION -> ProcessMessageSubscriptionIntent.values();
      case MESSAGE_START_EVENT_SUBSCRIPTION -> MessageStartEventSubscriptionIntent.values();
      case MESSAGE_CORRELATION -> MessageCorrelationIntent.values();
      case SIGNAL -> SignalIntent.values();
      case SIGNAL_SUBSCRIPTION -> SignalSubscriptionIntent.values();
      case ERROR -> ErrorIntent.values();
      case ESCALATION -> EscalationIntent.values();
      case COMPENSATION_SUBSCRIPTION -> CompensationSubscriptionIntent.values();
      case CLOCK -> ClockIntent.values();
      case BATCH_OPERATION_CREATION -> BatchOperationCreationIntent.values();
      case BATCH_OPERATION_INITIALIZATION -> BatchOperationInitializationIntent.values();
      case BATCH_OPERATION_CHUNK -> BatchOperationChunkIntent.values();
      case BATCH_OPERATION_EXECUTION -> BatchOperationExecutionIntent.values();
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT -> BatchOperationLifecycleManagementIntent.values();
    };
  }

  static Intent of(ValueType valueType, String name) {
    if (valueType == null || name == null) {
      throw new IllegalArgumentException(
          "A record needs a value type and an intent, got " + valueType + " " + name);
    }
    Intent intent = BY_NAME.get(valueType).get(name);
    if (intent == null) {
      throw new IllegalArgumentException(
          "Unknown intent '"
              + name
              + "' of value type "
              + valueType
              + "; expected one of "
              + VALUES.get(valueType));
    }
    return intent;
  }

  static List<Intent> values(ValueType valueType) {
    return VALUES.get(valueType);
  }
}
