package life.suoke.ops.engine.processing.bpmn.behavior;

import life.suoke.ops.engine.model.LinkedForm;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.state.DeployedResource;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * Finds the deployed form a user task links to ({@code zeebe:formDefinition formId}) when the task
 * is activated, for a Camunda user task (its {@code formKey}) and a job-worker user task (the
 * {@code io.camunda.zeebe:formKey} header of its job) alike, as Zeebe does: the form id, static or
 * FEEL, is evaluated in the task's scope and looked up by the binding type. A failing expression
 * raises {@code EXTRACT_VALUE_ERROR}, a form that is not there {@code FORM_NOT_FOUND} with Zeebe's
 * message for the binding type; resolving the incident looks again.
 */
public final class LinkedFormBehavior {

  private static final String FORM = "FORM";

  private final ExpressionBehavior expressions;

  LinkedFormBehavior(ExpressionBehavior expressions) {
    this.expressions = expressions;
  }

  /**
   * The key of the form the task links to; EXTRACT_VALUE_ERROR or FORM_NOT_FOUND if there is none.
   */
  public Outcome<Long> formKey(ProcessingContext ctx, ElementInstance instance, LinkedForm linked) {
    EngineState state = ctx.state();
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.string(state, linked.formId(), instance.key))
        .flatMap(
            formId -> {
              DeployedResource form =
                  switch (linked.bindingType()) {
                    case "deployment" -> inDeployment(state, instance, formId);
                    case "versionTag" ->
                        latestWithVersionTag(state, instance, formId, linked.versionTag());
                    default -> state.latestResource(FORM, instance.tenantId, formId);
                  };
              return form == null
                  ? Outcome.failure(
                      ErrorType.FORM_NOT_FOUND, notFound(state, instance, formId, linked))
                  : Outcome.success(form.key());
            });
  }

  private static DeployedResource inDeployment(
      EngineState state, ElementInstance instance, String formId) {
    long deploymentKey = state.process(instance.processDefinitionKey()).deploymentKey();
    return state.resourceVersions(FORM, instance.tenantId, formId).stream()
        .filter(form -> form.deploymentKey() == deploymentKey)
        .findFirst()
        .orElse(null);
  }

  private static DeployedResource latestWithVersionTag(
      EngineState state, ElementInstance instance, String formId, String versionTag) {
    return state.resourceVersions(FORM, instance.tenantId, formId).stream()
        .filter(form -> form.versionTag().equals(versionTag))
        .findFirst()
        .orElse(null);
  }

  /**
   * Zeebe's incident message for the binding type (the one of {@code versionTag} ends with a line
   * break, as Zeebe's does).
   */
  private static String notFound(
      EngineState state, ElementInstance instance, String formId, LinkedForm linked) {
    return switch (linked.bindingType()) {
      case "deployment" ->
          String.format(
              "Expected to use a form with id '%s' with binding type 'deployment', but no such form"
                  + " found in the deployment with key %d which contained the current process. To resolve this incident, migrate the"
                  + " process instance to a process definition that is deployed together with the intended form to use.",
              formId, state.process(instance.processDefinitionKey()).deploymentKey());
      case "versionTag" ->
          String.format(
              "Expected to use a form with id '%s' and version tag '%s', but no such form found."
                  + " To resolve the incident, deploy a form with the given id and version tag.\n",
              formId, linked.versionTag());
      default ->
          String.format(
              "Expected to find a form with id '%s', but no form with this id is found, at least a form"
                  + " with this id should be available. To resolve the Incident please deploy a form with the same id",
              formId);
    };
  }
}
