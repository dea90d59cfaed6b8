package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * {@code GET /v2/process-definitions/{key}} and {@code .../xml}, read from the engine's live state:
 * a deployed definition is there from the moment its deployment is answered.
 */
final class ProcessDefinitionEndpoints {

  private ProcessDefinitionEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.get(
        "/v2/process-definitions/{processDefinitionKey}",
        request -> {
          long key = request.pathKey("processDefinitionKey");
          return engine
              .query(state -> state.process(key))
              .thenApply(definition -> RestResponse.ok(toRest(found(definition, key))));
        });
    router.get(
        "/v2/process-definitions/{processDefinitionKey}/xml",
        request -> {
          long key = request.pathKey("processDefinitionKey");
          return engine
              .query(state -> state.process(key))
              .thenApply(
                  definition ->
                      new RestResponse(200, "text/xml", null, found(definition, key).resource()));
        });
  }

  private static ProcessDefinition found(ProcessDefinition definition, long key) {
    if (definition == null) {
      throw RestProblem.notFound("Process definition with key '%d' not found", key);
    }
    return definition;
  }

  static ProcessDefinitionResult toRest(ProcessDefinition definition) {
    String versionTag = definition.versionTag();
    return new ProcessDefinitionResult()
        .processDefinitionKey(String.valueOf(definition.key()))
        .processDefinitionId(definition.bpmnProcessId())
        .name(definition.executable().name())
        .resourceName(definition.resourceName())
        .version(definition.version())
        .versionTag(versionTag == null || versionTag.isEmpty() ? null : versionTag)
        .tenantId(definition.tenantId())
        .hasStartForm(false);
  }
}
