package life.suoke.ops.engine.model;

/**
 * An exclusive, parallel or inclusive gateway, or an event-based gateway ({@link
 * ExecutableEventBasedGateway}).
 */
public sealed class ExecutableGateway extends ExecutableElement
    permits ExecutableEventBasedGateway {

  private final String defaultFlowId;

  ExecutableGateway(String id, String name, BpmnElementType type, String defaultFlowId) {
    super(id, name, type);
    this.defaultFlowId = defaultFlowId;
  }

  /** The default flow of an exclusive or inclusive gateway, null if none. */
  public String defaultFlowId() {
    return defaultFlowId;
  }
}
