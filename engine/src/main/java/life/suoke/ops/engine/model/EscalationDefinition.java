package life.suoke.ops.engine.model;

/**
 * The escalation of an escalation throw event (intermediate or end), escalation boundary event or
 * escalation start event of an event subprocess (Zeebe's "Escalation events" docs).
 *
 * <p>For a throw event {@code code} is the referenced {@code bpmn:escalation}'s {@code
 * escalationCode}, static text or a FEEL expression evaluated when the event is reached. For a
 * catch event it is static text, or null for a catch-all event (no {@code escalationRef}, or an
 * escalation without code). An escalation nobody catches raises no incident: the throw event just
 * continues.
 *
 * <p>{@code codeVariable} is always null: Zeebe 8.8 has no {@code zeebe:escalationCodeVariable};
 * the component is kept for a later version.
 */
public record EscalationDefinition(Expression code, String codeVariable) {

  public EscalationDefinition(Expression code) {
    this(code, null);
  }

  /** Whether this catch event catches every escalation (it has no escalation code). */
  public boolean isCatchAll() {
    return code == null;
  }
}
