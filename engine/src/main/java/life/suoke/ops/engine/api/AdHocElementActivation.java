package life.suoke.ops.engine.api;

import java.util.Map;

/**
 * One element an ad-hoc subprocess is to activate, by a job worker's result or by the activation
 * call: its id, and the variables set locally in the inner instance it runs in.
 */
public record AdHocElementActivation(String elementId, Map<String, Object> variables) {

  public AdHocElementActivation {
    variables = variables == null ? Map.of() : variables;
  }
}
