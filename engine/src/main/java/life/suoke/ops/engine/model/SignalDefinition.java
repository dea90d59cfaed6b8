package life.suoke.ops.engine.model;

import java.util.Objects;

/**
 * The signal of a signal event (Zeebe's "Signal events" docs): the {@code name} of the referenced
 * {@code bpmn:signal}, the name a catch event subscribes to or a throw event broadcasts.
 *
 * <p>Static text or a FEEL expression, evaluated when the event is activated (it must give a
 * string). For a signal start event of the process Zeebe evaluates it on deployment instead: the
 * transformer has already done so, and {@code signalName} is then always static.
 */
public record SignalDefinition(Expression signalName) {

  public SignalDefinition {
    Objects.requireNonNull(signalName, "signalName");
  }
}
