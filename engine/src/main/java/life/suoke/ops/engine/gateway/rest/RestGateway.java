package life.suoke.ops.engine.gateway.rest;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import life.suoke.ops.engine.api.EngineApi;

/**
 * The Camunda 8.8 Orchestration Cluster REST API ({@code /v2}) on top of the engine: the routes of
 * every endpoint this engine serves. Anything else under {@code /v2} is answered as not
 * implemented, in Camunda's problem shape.
 */
public final class RestGateway {

  private RestGateway() {}

  /**
   * @param host the host the topology reports for the broker
   * @param brokerPort the port the topology reports for the broker (the gRPC gateway's)
   * @param searches the search endpoints' registration, or null to serve commands only
   * @param clockControl whether the clock may be pinned and reset
   */
  public static Router routes(
      EngineApi engine,
      String host,
      IntSupplier brokerPort,
      Consumer<Router> searches,
      boolean clockControl) {
    Router router = new Router();
    TopologyEndpoint.register(router, host, brokerPort);
    DeploymentEndpoint.register(router, engine);
    ResourceDeletionEndpoint.register(router, engine);
    ProcessInstanceEndpoints.register(router, engine);
    ProcessInstanceModificationEndpoint.register(router, engine);
    ProcessInstanceMigrationEndpoint.register(router, engine);
    BatchOperationEndpoints.register(router, engine);
    JobEndpoints.register(router, engine);
    UserTaskEndpoints.register(router, engine);
    ElementInstanceEndpoints.register(router, engine);
    AdHocSubProcessEndpoint.register(router, engine);
    IncidentEndpoints.register(router, engine);
    ProcessDefinitionEndpoints.register(router, engine);
    ClockEndpoints.register(router, engine, clockControl);
    FormEndpoints.register(router, engine);
    MessageEndpoints.register(router, engine);
    SignalEndpoints.register(router, engine);
    DecisionEndpoints.register(router, engine);
    if (searches != null) {
      searches.accept(router);
    }
    return router;
  }
}
