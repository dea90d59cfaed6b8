package life.suoke.ops.engine.gateway.rest;

import static life.suoke.ops.engine.projection.FieldType.DATE;
import static life.suoke.ops.engine.projection.FieldType.INT;
import static life.suoke.ops.engine.projection.FieldType.KEY;
import static life.suoke.ops.engine.projection.FieldType.TEXT;
import static life.suoke.ops.engine.projection.FieldType.TEXT_ARRAY;

import io.camunda.client.protocol.rest.UserTaskResult;
import io.camunda.client.protocol.rest.UserTaskSearchQueryResult;
import io.camunda.client.protocol.rest.UserTaskStateEnum;
import java.util.Map;

/** {@code /v2/user-tasks/search} and {@code GET /v2/user-tasks/{key}}. */
final class UserTaskSearch {

  static final SearchSpec SPEC =
      SearchSpec.on("user_task", "user_task_key")
          .filterOnly("userTaskKey", "t.user_task_key", KEY)
          .filterOnly("state", "t.state", TEXT)
          .filterOnly("assignee", "t.assignee", TEXT)
          .filterOnly("candidateGroup", "t.candidate_groups", TEXT_ARRAY)
          .filterOnly("candidateUser", "t.candidate_users", TEXT_ARRAY)
          .filterOnly("elementId", "t.element_id", TEXT)
          .filterOnly("elementInstanceKey", "t.element_instance_key", KEY)
          .filterOnly("processInstanceKey", "t.process_instance_key", KEY)
          .filterOnly("processDefinitionKey", "t.process_definition_key", KEY)
          .filterOnly("processDefinitionId", "t.bpmn_process_id", TEXT)
          .filterOnly("tenantId", "t.tenant_id", TEXT)
          .field("priority", "t.priority", INT)
          .field("name", "t.name", TEXT)
          .field("creationDate", "t.creation_date", DATE)
          .field("completionDate", "t.completion_date", DATE)
          .field("dueDate", "t.due_date", DATE)
          .field("followUpDate", "t.follow_up_date", DATE)
          .variables("processInstanceVariables", "t.process_instance_key")
          .variables("localVariables", "t.element_instance_key")
          .build(
              UserTaskSearch::item,
              (items, page) ->
                  new UserTaskSearchQueryResult().items(SearchSpec.items(items)).page(page));

  private UserTaskSearch() {}

  private static Object item(Map<String, Object> row) {
    return new UserTaskResult()
        .userTaskKey(Rows.key(row, "user_task_key"))
        .name(Rows.text(row, "name"))
        .state(UserTaskStateEnum.fromValue(Rows.text(row, "state")))
        .assignee(Rows.text(row, "assignee"))
        .elementId(Rows.text(row, "element_id"))
        .elementInstanceKey(Rows.key(row, "element_instance_key"))
        .candidateGroups(Rows.texts(row, "candidate_groups"))
        .candidateUsers(Rows.texts(row, "candidate_users"))
        .processDefinitionId(Rows.text(row, "bpmn_process_id"))
        .processDefinitionKey(Rows.key(row, "process_definition_key"))
        .processDefinitionVersion(Rows.integer(row, "process_definition_version"))
        .processInstanceKey(Rows.key(row, "process_instance_key"))
        .processName(Rows.text(row, "process_name"))
        .creationDate(Rows.date(row, "creation_date"))
        .completionDate(Rows.date(row, "completion_date"))
        .dueDate(Rows.date(row, "due_date"))
        .followUpDate(Rows.date(row, "follow_up_date"))
        .priority(Rows.integer(row, "priority"))
        .formKey(Rows.key(row, "form_key"))
        .externalFormReference(Rows.text(row, "external_form_reference"))
        .tenantId(Rows.text(row, "tenant_id"))
        .customHeaders(Map.of());
  }
}
