package life.suoke.ops.backend.models;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reason a model file cannot be deployed: the file, the element at fault (null for the file as
 * a whole) and Zeebe's message.
 */
public record ModelProblem(String resourceName, String elementId, String message) {

  private static final Pattern LINE =
      Pattern.compile("^'([^']+)': (?:element '([^']+)'(?: \\([^)]*\\))?: )?(.*)$");

  /**
   * The problems in a deployment rejection as Zeebe words it: a first line, then one line per
   * error, {@code 'file.bpmn': element 'Task_1' (serviceTask): message}. A text in another shape is
   * one problem of {@code fallbackResource}.
   */
  public static List<ModelProblem> fromRejection(String rejection, String fallbackResource) {
    List<ModelProblem> problems = new ArrayList<>();
    if (rejection != null) {
      for (String line : rejection.split("\\R")) {
        Matcher m = LINE.matcher(line.strip());
        if (m.matches()) {
          problems.add(new ModelProblem(m.group(1), m.group(2), m.group(3)));
        }
      }
    }
    if (problems.isEmpty()) {
      problems.add(
          new ModelProblem(fallbackResource, null, rejection == null ? "rejected" : rejection));
    }
    return problems;
  }

  /** The problem as a line of a problem detail's {@code errors}. */
  public String reason() {
    return "'"
        + resourceName
        + "'"
        + (elementId == null ? "" : " element '" + elementId + "'")
        + ": "
        + message;
  }
}
