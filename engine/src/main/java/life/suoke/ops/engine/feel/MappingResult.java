package life.suoke.ops.engine.feel;

import java.util.Map;

/**
 * The outcome of applying variable mappings: the variables they produce (top-level name to
 * JSON-like value, in mapping order), or the failure message of the first mapping that could not be
 * evaluated, in which case no variable is produced at all. It is a {@link FeelResult} whose value
 * is the variables.
 */
public final class MappingResult extends FeelResult<Map<String, Object>> {

  private MappingResult(Map<String, Object> variables, String failureMessage) {
    super(variables, failureMessage);
  }

  public static MappingResult produced(Map<String, Object> variables) {
    return new MappingResult(variables, null);
  }

  public static MappingResult failed(String message) {
    if (message == null) {
      throw new NullPointerException("message");
    }
    return new MappingResult(null, message);
  }

  /** The variables produced; empty for a failure. */
  public Map<String, Object> variables() {
    return isSuccess() ? value() : Map.of();
  }
}
