package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.FormResult;
import java.nio.charset.StandardCharsets;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.state.DeployedResource;
import life.suoke.ops.engine.state.UserTask;

/**
 * {@code GET /v2/user-tasks/{key}/form}: the deployed Camunda form linked to an open user task
 * ({@code zeebe:formDefinition formId}), as the tasklist renders it. 204 when the task has no
 * linked form, 404 when there is no such open task.
 */
final class FormEndpoints {

  private FormEndpoints() {}

  private record Found(UserTask task, DeployedResource form) {}

  static void register(Router router, EngineApi engine) {
    router.get(
        "/v2/user-tasks/{userTaskKey}/form",
        request -> {
          long key = request.pathKey("userTaskKey");
          return engine
              .query(
                  state -> {
                    UserTask task = state.userTask(key);
                    return new Found(
                        task,
                        task == null || task.formDefinitionKey() <= 0
                            ? null
                            : state.resource(task.formDefinitionKey()));
                  })
              .thenApply(
                  found -> {
                    if (found.task() == null) {
                      throw RestProblem.notFound("User task with key '%d' not found", key);
                    }
                    if (found.form() == null) {
                      return RestResponse.noContent();
                    }
                    DeployedResource form = found.form();
                    return RestResponse.ok(
                        new FormResult()
                            .formKey(String.valueOf(form.key()))
                            .formId(form.resourceId())
                            .version((long) form.version())
                            .tenantId(form.tenantId())
                            .schema(new String(form.resource(), StandardCharsets.UTF_8)));
                  });
        });
  }
}
