package life.suoke.ops.engine.decision;

import java.util.Map;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A DMN resource parsed once into its decision requirements graph (DRG): the definitions' id, name
 * and namespace, its decisions (id to name, in document order), and the parsed model the evaluator
 * runs; or, when the resource cannot be parsed, the parser's failure message.
 */
public record ParsedDrg(
    String id,
    String name,
    String namespace,
    Map<String, String> decisionNames,
    ParsedDmn model,
    String failure) {

  static ParsedDrg invalid(String failure) {
    return new ParsedDrg(
        null,
        null,
        null,
        Map.of(),
        null,
        failure == null ? "the DMN resource could not be parsed" : failure);
  }

  public boolean isValid() {
    return failure == null;
  }

  /**
   * The name of a decision of the graph (its id when it has no name), or null if the graph has no
   * such decision.
   */
  public String decisionName(String decisionId) {
    return decisionNames.get(decisionId);
  }
}
