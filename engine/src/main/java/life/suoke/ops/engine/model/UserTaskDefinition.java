package life.suoke.ops.engine.model;

/**
 * A {@code zeebe:userTask} (Camunda user task) with its assignment, schedule, priority and form.
 * Every expression may be null when the attribute is absent.
 *
 * @param candidateGroups static comma-separated list or a FEEL expression giving a list
 * @param formKey {@code zeebe:formDefinition formKey}, or {@code camunda-forms:bpmn:<id>} for an
 *     embedded form
 * @param linkedForm {@code zeebe:formDefinition formId} (a deployed Camunda form, linked by id), or
 *     null
 * @param externalReference {@code zeebe:formDefinition externalReference}
 */
public record UserTaskDefinition(
    Expression assignee,
    Expression candidateGroups,
    Expression candidateUsers,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    String formKey,
    LinkedForm linkedForm,
    Expression externalReference) {}
