package life.suoke.ops.engine.record.intent;

import java.util.List;
import life.suoke.ops.engine.record.ValueType;

/**
 * What a record asks for (a command) or states (an event) about an entity of its value type, with
 * Zeebe's names: one enum per {@link ValueType} ({@link ProcessInstanceIntent}, {@link JobIntent},
 * {@link UserTaskIntent}, ...). The engine works with the constants; a record's intent becomes its
 * {@link #name} only where the record becomes a row or JSON (the log, its JSON for the exporters),
 * and a name read back becomes the constant again through {@link #of}.
 */
public sealed interface Intent
    permits DeploymentIntent,
        ProcessIntent,
        DecisionIntent,
        DecisionRequirementsIntent,
        DecisionEvaluationIntent,
        FormIntent,
        ResourceDeletionIntent,
        ProcessInstanceIntent,
        ProcessInstanceCreationIntent,
        ProcessInstanceResultIntent,
        ProcessEventIntent,
        ProcessInstanceModificationIntent,
        ProcessInstanceMigrationIntent,
        AdHocSubProcessInstructionIntent,
        JobIntent,
        JobBatchIntent,
        UserTaskIntent,
        VariableIntent,
        VariableDocumentIntent,
        IncidentIntent,
        TimerIntent,
        MessageIntent,
        ProcessMessageSubscriptionIntent,
        MessageStartEventSubscriptionIntent,
        MessageCorrelationIntent,
        SignalIntent,
        SignalSubscriptionIntent,
        ErrorIntent,
        EscalationIntent,
        CompensationSubscriptionIntent,
        ClockIntent,
        BatchOperationCreationIntent,
        BatchOperationInitializationIntent,
        BatchOperationChunkIntent,
        BatchOperationExecutionIntent,
        BatchOperationLifecycleManagementIntent {

  /** The intent's name as the log stores it and records are exported, such as {@code CREATED}. */
  String name();

  /** The value type of the records with this intent. */
  ValueType valueType();

  /**
   * Whether the intent states what happened (an event) rather than asks for it (a command, whose
   * rejection has the command's intent).
   */
  boolean isEvent();

  /**
   * The intent of this value type with this name.
   *
   * @throws IllegalArgumentException if the value type has no intent of that name (or either is
   *     null): a record's intent is never guessed
   */
  static Intent of(ValueType valueType, String name) {
    return Intents.of(valueType, name);
  }

  /** Every intent of the value type, in declaration order. */
  static List<Intent> values(ValueType valueType) {
    return Intents.values(valueType);
  }
}
