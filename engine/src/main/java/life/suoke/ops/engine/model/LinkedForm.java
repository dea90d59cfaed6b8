package life.suoke.ops.engine.model;

/**
 * A deployed Camunda form a user task links to ({@code zeebe:formDefinition formId}), on a Camunda
 * user task or a job-worker user task alike. The form is looked up when the task is activated, by
 * its binding type: {@code latest}, the latest version; {@code deployment}, the version deployed
 * together with the process; {@code versionTag}, the latest version with {@link #versionTag()}.
 *
 * @param formId the form's id, static or FEEL
 * @param bindingType {@code latest} (when the attribute is absent), {@code deployment} or {@code
 *     versionTag}
 * @param versionTag the version tag for binding type {@code versionTag}, else null
 */
public record LinkedForm(Expression formId, String bindingType, String versionTag) {}
