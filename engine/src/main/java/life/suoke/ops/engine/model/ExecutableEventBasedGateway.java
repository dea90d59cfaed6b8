package life.suoke.ops.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An event-based gateway: when activated it waits for all the intermediate catch events its flows
 * lead to at once (it opens their subscriptions and timers); the first one triggered wins, and the
 * gateway is left through the flow to that event.
 */
public final class ExecutableEventBasedGateway extends ExecutableGateway {

  private final List<ExecutableCatchEvent> events = new ArrayList<>();

  ExecutableEventBasedGateway(String id, String name) {
    super(id, name, BpmnElementType.EVENT_BASED_GATEWAY, null);
  }

  /** The intermediate catch events (message, timer or signal) it waits for, in flow order. */
  public List<ExecutableCatchEvent> eventBasedTargets() {
    return Collections.unmodifiableList(events);
  }

  void addEventBasedTarget(ExecutableCatchEvent event) {
    events.add(event);
  }
}
