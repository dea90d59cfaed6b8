package life.suoke.ops.engine.model;

import java.util.Objects;

/**
 * The message a message catch event or receive task waits for (Zeebe's "Message events" and
 * "Receive tasks" docs): the {@code name} of the referenced {@code bpmn:message} and the {@code
 * correlationKey} of its {@code zeebe:subscription}.
 *
 * <p>The name is static text or a FEEL expression; the engine evaluates a FEEL name when the event
 * (or, for a boundary event, its activity) is activated, and it must give a string. For a message
 * start event of the process Zeebe evaluates the name on deployment instead: the transformer has
 * already done so, and {@code name} is then always static (the evaluated string).
 *
 * <p>The correlation key is always a FEEL expression (deployment rejects a static one), evaluated
 * on activation (for the start event of an event subprocess: when its scope's start event
 * completes, in that scope); it must give a string or a number. It is null for a message start
 * event of the process, whose subscription has no correlation key (a published message's key only
 * controls one instance per key).
 */
public record MessageDefinition(Expression name, Expression correlationKey) {

  public MessageDefinition {
    Objects.requireNonNull(name, "name");
  }

  /** A start event's message: a static name, no correlation key. */
  public static MessageDefinition startEvent(String name) {
    return new MessageDefinition(new Expression(name, false), null);
  }
}
