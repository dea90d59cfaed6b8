package life.suoke.ops.engine.api;

import java.util.List;
import java.util.Map;

/**
 * The instructions of a process instance modification (Zeebe's ModifyProcessInstance): elements to
 * activate, each optionally under a chosen ancestor element instance and with variables for its
 * scopes, and element instances to terminate. The engine applies all of them or none.
 */
public record ProcessInstanceModification(
    List<ActivateInstruction> activateInstructions, List<Long> terminateInstructions) {

  /** Activate instructions without an ancestor name it as this key (Zeebe's "no ancestor"). */
  public static final long NO_ANCESTOR = -1;

  public ProcessInstanceModification {
    activateInstructions =
        activateInstructions == null ? List.of() : List.copyOf(activateInstructions);
    terminateInstructions =
        terminateInstructions == null ? List.of() : List.copyOf(terminateInstructions);
  }

  /**
   * @param ancestorElementInstanceKey the flow scope instance (or one of its ancestors) to activate
   *     the element in; {@link #NO_ANCESTOR} (or any key not above zero) lets the engine choose
   */
  public record ActivateInstruction(
      String elementId,
      long ancestorElementInstanceKey,
      List<VariableInstruction> variableInstructions) {
    public ActivateInstruction {
      elementId = elementId == null ? "" : elementId;
      ancestorElementInstanceKey =
          ancestorElementInstanceKey > 0 ? ancestorElementInstanceKey : NO_ANCESTOR;
      variableInstructions =
          variableInstructions == null ? List.of() : List.copyOf(variableInstructions);
    }
  }

  /**
   * Variables set locally in the scope of an element: the activated element itself or one of its
   * flow scopes; an empty scope id means the process instance.
   */
  public record VariableInstruction(String scopeId, Map<String, Object> variables) {
    public VariableInstruction {
      scopeId = scopeId == null ? "" : scopeId;
      variables = variables == null ? Map.of() : variables;
    }
  }
}
