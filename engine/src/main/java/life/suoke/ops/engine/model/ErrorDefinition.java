package life.suoke.ops.engine.model;

/**
 * The error of an error end event, error boundary event or error start event of an event subprocess
 * (Zeebe's "Error events" docs).
 *
 * <p>For an error end event (a throw event) {@code errorCode} is the referenced {@code
 * bpmn:error}'s {@code errorCode}, static text or a FEEL expression evaluated when the event is
 * reached (it must give a string). For a catch event (boundary or event subprocess start) it is
 * static text, or null for a catch-all event (no {@code errorRef}, or an error without code), which
 * catches every error not caught by an event of the same scope with a matching code.
 *
 * <p>{@code errorCodeVariable} and {@code errorMessageVariable} are always null: Zeebe 8.8 has no
 * such attributes (no {@code zeebe:errorCodeVariable} in its BPMN model, nothing in its docs); the
 * components are kept for a later version. A caught error's variables are set as local variables of
 * the catch event, where output mappings can pick them up.
 */
public record ErrorDefinition(
    Expression errorCode, String errorCodeVariable, String errorMessageVariable) {

  public ErrorDefinition(Expression errorCode) {
    this(errorCode, null, null);
  }

  /** Whether this catch event catches every error (it has no error code). */
  public boolean isCatchAll() {
    return errorCode == null;
  }
}
