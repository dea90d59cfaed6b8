package life.suoke.ops.engine.model;

import java.util.List;

/**
 * A BPMN resource that cannot be deployed. The message follows Zeebe's rejection of an invalid
 * deployment: a first line {@value #PREFIX}, then one line per error, each naming the resource, the
 * element and the reason, e.g.
 *
 * <pre>
 * Expected to deploy new resources, but encountered the following errors:
 * 'incident.bpmn': element 'Task_Notify' (serviceTask): Must have exactly one 'zeebe:taskDefinition' extension element
 * </pre>
 *
 * A resource that is not well-formed BPMN XML gives a single line with the parser's message, as
 * Zeebe does: {@code 'incident.bpmn': Error: URI=null Line=3: ...}.
 */
public final class DeploymentRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Zeebe's first line for a rejected deployment. */
  public static final String PREFIX =
      "Expected to deploy new resources, but encountered the following errors:";

  /**
   * One error.
   *
   * @param elementId the id of the element at fault (the nearest enclosing element with an id), or
   *     null for an error about the resource as a whole
   * @param elementType the BPMN kind of the element, e.g. {@code serviceTask}, or a path such as
   *     {@code serviceTask > extensionElements > taskDefinition} when the fault is in a child
   *     without an id; null for an error about the resource as a whole
   */
  public record ValidationError(
      String resourceName, String elementId, String elementType, String message) {

    /** The error as one line of the rejection message. */
    public String line() {
      StringBuilder line = new StringBuilder().append('\'').append(resourceName).append("': ");
      if (elementId != null) {
        line.append("element '").append(elementId).append("' ");
        if (elementType != null) {
          line.append('(').append(elementType).append(") ");
        }
        line.setLength(line.length() - 1);
        line.append(": ");
      } else if (elementType != null) {
        line.append(elementType).append(": ");
      }
      return line.append(message).toString();
    }
  }

  private final String resourceName;
  private final List<ValidationError> errors;

  /**
   * A rejection with a message given as it is (e.g. one line {@code 'form.form': ...} for a
   * resource that is not BPMN); {@link #errors()} is empty.
   */
  public DeploymentRejectedException(String message) {
    super(message);
    this.resourceName = null;
    this.errors = List.of();
  }

  public DeploymentRejectedException(String resourceName, List<ValidationError> errors) {
    super(message(errors));
    this.resourceName = resourceName;
    this.errors = List.copyOf(errors);
  }

  /** The name of the rejected resource. */
  public String resourceName() {
    return resourceName;
  }

  /** The errors, in document order. */
  public List<ValidationError> errors() {
    return errors;
  }

  /** The error lines without the first line (the whole message for a message-only rejection). */
  public String details() {
    if (errors.isEmpty()) {
      return getMessage();
    }
    StringBuilder details = new StringBuilder();
    for (ValidationError error : errors) {
      if (!details.isEmpty()) {
        details.append('\n');
      }
      details.append(error.line());
    }
    return details.toString();
  }

  private static String message(List<ValidationError> errors) {
    StringBuilder message = new StringBuilder(PREFIX);
    for (ValidationError error : errors) {
      message.append('\n').append(error.line());
    }
    return message.toString();
  }
}
