package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.DeploymentDecisionRequirementsResult;
import io.camunda.client.protocol.rest.DeploymentDecisionResult;
import io.camunda.client.protocol.rest.DeploymentFormResult;
import io.camunda.client.protocol.rest.DeploymentMetadataResult;
import io.camunda.client.protocol.rest.DeploymentProcessResult;
import io.camunda.client.protocol.rest.DeploymentResult;
import java.util.List;
import life.suoke.ops.engine.api.DeploymentResult.Process;
import life.suoke.ops.engine.api.DeploymentResult.Resource;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/deployments}: multipart parts named {@code resources}, optional {@code tenantId}.
 */
final class DeploymentEndpoint {

  private DeploymentEndpoint() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/deployments",
        "CREATE",
        request -> {
          MultipartForm form = MultipartForm.read(request);
          List<EngineApi.Resource> resources = form.files("resources");
          if (resources.isEmpty()) {
            throw RestProblem.missing("resources");
          }
          return engine
              .deploy(resources, Tenants.orDefault(form.field("tenantId")))
              .thenApply(result -> RestResponse.ok(toRest(result)));
        });
  }

  private static DeploymentResult toRest(life.suoke.ops.engine.api.DeploymentResult result) {
    DeploymentResult rest =
        new DeploymentResult()
            .deploymentKey(String.valueOf(result.key()))
            .tenantId(result.tenantId());
    for (Process p : result.processes()) {
      rest.addDeploymentsItem(
          new DeploymentMetadataResult()
              .processDefinition(
                  new DeploymentProcessResult()
                      .processDefinitionId(p.bpmnProcessId())
                      .processDefinitionVersion(p.version())
                      .processDefinitionKey(String.valueOf(p.processDefinitionKey()))
                      .resourceName(p.resourceName())
                      .tenantId(p.tenantId())));
    }
    for (Resource r : result.resources()) {
      DeploymentMetadataResult metadata = new DeploymentMetadataResult();
      switch (r.kind()) {
        case "FORM" ->
            metadata.form(
                new DeploymentFormResult()
                    .formId(r.resourceId())
                    .version(r.version())
                    .formKey(String.valueOf(r.key()))
                    .resourceName(r.resourceName())
                    .tenantId(r.tenantId()));
        case "DECISION_REQUIREMENTS" ->
            metadata.decisionRequirements(
                new DeploymentDecisionRequirementsResult()
                    .decisionRequirementsId(r.resourceId())
                    .decisionRequirementsName(r.name())
                    .version(r.version())
                    .decisionRequirementsKey(String.valueOf(r.key()))
                    .resourceName(r.resourceName())
                    .tenantId(r.tenantId()));
        default ->
            metadata.decisionDefinition(
                new DeploymentDecisionResult()
                    .decisionDefinitionId(r.resourceId())
                    .name(r.name())
                    .version(r.version())
                    .decisionDefinitionKey(String.valueOf(r.key()))
                    .tenantId(r.tenantId())
                    .decisionRequirementsId(r.decisionRequirementsId())
                    .decisionRequirementsKey(String.valueOf(r.decisionRequirementsKey())));
      }
      rest.addDeploymentsItem(metadata);
    }
    return rest;
  }
}
