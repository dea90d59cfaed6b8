package life.suoke.ops.engine.gateway.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.EngineApi;

/** The user task commands: assign, unassign, update, complete. */
final class UserTaskEndpoints {

  private UserTaskEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/user-tasks/{userTaskKey}/assignment",
        "ASSIGN",
        request -> {
          long key = request.pathKey("userTaskKey");
          JsonBody body = request.json();
          String assignee = body.requiredText("assignee");
          Boolean allowOverride = body.bool("allowOverride");
          return engine
              .assignUserTask(
                  key, assignee, allowOverride == null || allowOverride, body.text("action"))
              .thenApply(v -> RestResponse.noContent());
        });
    router.delete(
        "/v2/user-tasks/{userTaskKey}/assignee",
        "ASSIGN",
        request ->
            engine
                .unassignUserTask(request.pathKey("userTaskKey"), null)
                .thenApply(v -> RestResponse.noContent()));
    router.patch(
        "/v2/user-tasks/{userTaskKey}",
        "UPDATE",
        request -> {
          long key = request.pathKey("userTaskKey");
          JsonBody body = request.json();
          String action = body.text("action");
          Map<String, Object> changes = changes(body.object("changeset"));
          if (changes.isEmpty() && (action == null || action.isBlank())) {
            throw RestProblem.invalidArgument(
                "No update data provided. Provide at least an \"action\" or a non-null value "
                    + "for a supported attribute in the \"changeset\".");
          }
          return engine
              .updateUserTask(key, changes, action)
              .thenApply(v -> RestResponse.noContent());
        });
    router.post(
        "/v2/user-tasks/{userTaskKey}/completion",
        "COMPLETE",
        request -> {
          long key = request.pathKey("userTaskKey");
          JsonBody body = request.json();
          return engine
              .completeUserTask(key, body.variables("variables"), body.text("action"))
              .thenApply(v -> RestResponse.noContent());
        });
  }

  /** The non-null attributes of a changeset, validated as Camunda validates them. */
  private static Map<String, Object> changes(JsonBody changeset) {
    Map<String, Object> changes = new LinkedHashMap<>();
    List<String> groups = changeset.strings("candidateGroups");
    if (groups != null) {
      changes.put("candidateGroups", groups);
    }
    List<String> users = changeset.strings("candidateUsers");
    if (users != null) {
      changes.put("candidateUsers", users);
    }
    for (String field : List.of("dueDate", "followUpDate")) {
      String date = changeset.text(field);
      if (date != null) {
        changes.put(field, checkDate(field, date));
      }
    }
    Integer priority = changeset.integer("priority");
    if (priority != null) {
      if (priority < 0 || priority > 100) {
        throw RestProblem.invalidArgument(
            "The value for priority is '%d' but must be within the [0,100] range.", priority);
      }
      changes.put("priority", priority);
    }
    return changes;
  }

  /** An empty string clears the date; anything else must be an RFC 3339 date-time. */
  private static String checkDate(String field, String value) {
    if (value.isEmpty()) {
      return value;
    }
    try {
      OffsetDateTime.parse(value);
      return value;
    } catch (DateTimeParseException e) {
      throw RestProblem.invalidArgument(
          "The provided %s '%s' cannot be parsed as a date according to RFC 3339, section 5.6.",
          field, value);
    }
  }
}
