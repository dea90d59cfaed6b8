package life.suoke.ops.backend.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.stereotype.Service;

/**
 * One task: reading it with its variables and form, and the four things people do with it. Every
 * rule is checked before anything reaches the engine, so that a refused request changes nothing;
 * every action that took effect is audited and announced to the live inbox.
 *
 * <ul>
 *   <li>claim: a candidate (user or group) takes an unassigned task (403 for others, 409 when it is
 *       assigned);
 *   <li>unclaim: the assignee, or a manager of one of the task's candidate groups, gives it back;
 *   <li>assign: a manager of one of the task's candidate groups gives it to a user who is a
 *       candidate (a member of one of its groups, or a candidate user);
 *   <li>complete: the assignee, or a candidate of an unassigned task (which claims it first), with
 *       data that the task's form accepts.
 * </ul>
 *
 * Auditors see every task and do none of these.
 */
@Service
public class TaskActions {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final CamundaClient client;
  private final TaskInbox inbox;
  private final UserDirectory directory;
  private final AuditTrail audit;
  private final TaskEvents events;
  private final ObjectMapper json;
  private final Map<Long, TaskForm> forms = new ConcurrentHashMap<>();

  private final java.util.List<CompletionVariables> completionVariables;

  public TaskActions(
      CamundaClient client,
      TaskInbox inbox,
      UserDirectory directory,
      AuditTrail audit,
      TaskEvents events,
      ObjectMapper json,
      java.util.List<CompletionVariables> completionVariables) {
    this.completionVariables = java.util.List.copyOf(completionVariables);
    this.client = client;
    this.inbox = inbox;
    this.directory = directory;
    this.audit = audit;
    this.events = events;
    this.json = json;
  }

  // ---- reading

  public TaskDetail get(CurrentUser user, long key) {
    UserTask task = visibleTask(user, key);
    Map<String, Object> variables = variables(task);
    Object businessKey = variables.get(TaskInbox.BUSINESS_KEY);
    Optional<TaskForm> form = form(task);
    boolean open = "CREATED".equals(task.getState() == null ? null : task.getState().name());
    boolean worker = open && !user.isAuditor();
    TaskRules.Parties parties = TaskEvents.parties(task);
    boolean candidate = TaskRules.candidate(user, parties);
    boolean manager = worker && directory.managesAny(user.username(), task.getCandidateGroups());
    return new TaskDetail(
        TaskSummary.of(task, businessKey == null ? null : String.valueOf(businessKey)),
        variables,
        form.map(TaskForm::schema).orElse(null),
        worker && candidate && task.getAssignee() == null,
        worker
            && task.getAssignee() != null
            && (user.username().equals(task.getAssignee()) || manager),
        worker
            && (user.username().equals(task.getAssignee())
                || (task.getAssignee() == null && candidate)),
        manager);
  }

  /**
   * The variables the task sees: its process instance's, overlaid by the task's own (local) ones.
   * Values are JSON as stored.
   */
  private Map<String, Object> variables(UserTask task) {
    List<Long> scopes =
        task.getElementInstanceKey() == null
            ? List.of(task.getProcessInstanceKey())
            : List.of(task.getProcessInstanceKey(), task.getElementInstanceKey());
    List<Variable> found =
        client
            .newVariableSearchRequest()
            .filter(f -> f.scopeKey(p -> p.in(scopes)))
            .withFullValues()
            .page(p -> p.limit(1000))
            .send()
            .join()
            .items();
    Map<String, Object> global = new LinkedHashMap<>();
    Map<String, Object> local = new LinkedHashMap<>();
    for (Variable variable : found) {
      Object value = value(variable.getValue());
      if (variable.getScopeKey() != null
          && variable.getScopeKey().equals(task.getProcessInstanceKey())) {
        global.put(variable.getName(), value);
      } else {
        local.put(variable.getName(), value);
      }
    }
    global.putAll(local);
    return global;
  }

  private Object value(String jsonText) {
    try {
      return json.readValue(jsonText, Object.class);
    } catch (Exception e) {
      return jsonText;
    }
  }

  /** The task's linked Camunda form, if it has one (read once per form version). */
  private Optional<TaskForm> form(UserTask task) {
    Long formKey = task.getFormKey();
    if (formKey == null || formKey <= 0) {
      return Optional.empty();
    }
    TaskForm cached = forms.get(formKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    Form form;
    try {
      form = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    } catch (RuntimeException e) {
      if (status(e) == 404) {
        return Optional.empty(); // no longer open: the engine serves forms of open tasks only
      }
      throw e;
    }
    if (form == null || form.getSchema() == null) {
      return Optional.empty();
    }
    JsonNode schema;
    try {
      schema =
          form.getSchema() instanceof String text
              ? json.readTree(text)
              : json.valueToTree(form.getSchema());
    } catch (Exception e) {
      throw new IllegalStateException(
          "The form of task " + task.getUserTaskKey() + " is not JSON", e);
    }
    TaskForm parsed = TaskForm.parse(schema);
    forms.put(formKey, parsed);
    return Optional.of(parsed);
  }

  // ---- actions

  public void claim(CurrentUser user, long key) {
    UserTask task = visibleTask(user, key);
    refuseAuditors(user);
    TaskRules.Parties parties = TaskEvents.parties(task);
    if (!TaskRules.candidate(user, parties)) {
      throw ApiProblem.forbidden("Only a candidate of this task may claim it.");
    }
    if (task.getAssignee() != null) {
      throw ApiProblem.conflict("The task is already assigned.");
    }
    assign(task, user.username(), false, "claim");
    audit.record(event(user, AuditActions.TASK_CLAIM, task));
    events.publish(
        "assigned",
        key,
        new TaskRules.Parties(user.username(), parties.candidateGroups(), parties.candidateUsers()),
        null);
  }

  public void unclaim(CurrentUser user, long key) {
    UserTask task = visibleTask(user, key);
    refuseAuditors(user);
    if (task.getAssignee() == null) {
      throw ApiProblem.conflict("The task is not assigned.");
    }
    if (!user.username().equals(task.getAssignee())
        && !directory.managesAny(user.username(), task.getCandidateGroups())) {
      throw ApiProblem.forbidden(
          "Only the assignee or a manager of one of the task's groups may unclaim it.");
    }
    run(() -> client.newUnassignUserTaskCommand(key).send().join());
    audit.record(
        event(user, AuditActions.TASK_UNCLAIM, task)
            .withDetail("previousAssignee", task.getAssignee()));
    TaskRules.Parties parties = TaskEvents.parties(task);
    events.publish(
        "unassigned",
        key,
        new TaskRules.Parties(null, parties.candidateGroups(), parties.candidateUsers()),
        task.getAssignee());
  }

  public void assign(CurrentUser user, long key, String assignee) {
    UserTask task = visibleTask(user, key);
    refuseAuditors(user);
    if (!directory.managesAny(user.username(), task.getCandidateGroups())) {
      throw ApiProblem.forbidden(
          "Only a manager of one of the task's candidate groups may assign it.");
    }
    if (assignee == null || assignee.isBlank()) {
      throw ApiProblem.badRequest("assignee", "is required");
    }
    Optional<UserAccount> account = directory.user(assignee);
    if (account.isEmpty() || !account.get().enabled()) {
      throw ApiProblem.badRequest("assignee", "is not a known, enabled user");
    }
    CurrentUser target = new CurrentUser(assignee, account.get().groups());
    if (!TaskRules.candidate(target, TaskEvents.parties(task))) {
      throw ApiProblem.badRequest(
          "assignee", "is neither a member of one of the task's groups nor a candidate user");
    }
    assign(task, assignee, true, "assign");
    audit.record(
        event(user, AuditActions.TASK_ASSIGN, task)
            .withDetail("assignee", assignee)
            .withDetail("previousAssignee", task.getAssignee()));
    TaskRules.Parties parties = TaskEvents.parties(task);
    events.publish(
        "assigned",
        key,
        new TaskRules.Parties(assignee, parties.candidateGroups(), parties.candidateUsers()),
        task.getAssignee());
  }

  public void complete(CurrentUser user, long key, JsonNode variables) {
    UserTask task = visibleTask(user, key);
    refuseAuditors(user);
    TaskRules.Parties parties = TaskEvents.parties(task);
    boolean mine = user.username().equals(task.getAssignee());
    boolean claimFirst = task.getAssignee() == null && TaskRules.candidate(user, parties);
    if (!mine && !claimFirst) {
      throw ApiProblem.forbidden(
          task.getAssignee() == null
              ? "Only a candidate of this task may complete it."
              : "Only the assignee may complete this task.");
    }
    if (variables != null && !variables.isNull() && !variables.isObject()) {
      throw ApiProblem.badRequest("variables", "must be a JSON object");
    }
    ObjectNode data = variables instanceof ObjectNode object ? object : json.createObjectNode();
    Optional<TaskForm> form = form(task);
    if (form.isPresent()) {
      List<ApiProblem.FieldError> errors = form.get().validate(data);
      if (!errors.isEmpty()) {
        throw ApiProblem.badRequest(errors);
      }
    }
    if (claimFirst) {
      assign(task, user.username(), false, "claim");
      audit.record(event(user, AuditActions.TASK_CLAIM, task).withDetail("toComplete", true));
    }
    Map<String, Object> values = new java.util.LinkedHashMap<>(json.convertValue(data, MAP));
    for (CompletionVariables contributor : completionVariables) {
      values.putAll(contributor.on(task, user));
    }
    run(
        () ->
            client
                .newCompleteUserTaskCommand(key)
                .variables(values)
                .action("complete")
                .send()
                .join());
    JsonNode submitted = form.map(f -> f.masked(data)).orElse(data);
    audit.record(
        event(user, AuditActions.TASK_COMPLETE, task)
            .withDetail("variables", json.convertValue(submitted, MAP)));
    events.publish(
        "completed",
        key,
        new TaskRules.Parties(user.username(), parties.candidateGroups(), parties.candidateUsers()),
        task.getAssignee());
  }

  // ---- helpers

  /** The task if it exists (404) and the user may see it (403). */
  private UserTask visibleTask(CurrentUser user, long key) {
    UserTask task;
    try {
      task = client.newUserTaskGetRequest(key).send().join();
    } catch (RuntimeException e) {
      if (status(e) == 404) {
        throw ApiProblem.notFound("There is no task " + key + ".");
      }
      throw e;
    }
    if (!TaskRules.visible(user, TaskEvents.parties(task))) {
      throw ApiProblem.forbidden("You may not see this task.");
    }
    return task;
  }

  private static void refuseAuditors(CurrentUser user) {
    if (user.isAuditor()) {
      throw ApiProblem.forbidden("Auditors read tasks and change none.");
    }
  }

  private void assign(UserTask task, String assignee, boolean override, String action) {
    run(
        () ->
            client
                .newAssignUserTaskCommand(task.getUserTaskKey())
                .assignee(assignee)
                .allowOverride(override)
                .action(action)
                .send()
                .join());
  }

  /**
   * Runs an engine command; the engine's refusals become problems (a task taken meanwhile: 409).
   */
  private static void run(Runnable command) {
    try {
      command.run();
    } catch (RuntimeException e) {
      int status = status(e);
      if (status == 404) {
        throw ApiProblem.notFound("The task is no longer open.");
      }
      if (status == 409) {
        throw ApiProblem.conflict("The task was changed meanwhile: " + reason(e));
      }
      throw e;
    }
  }

  private static int status(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof ClientHttpException http ? http.code() : -1;
  }

  private static String reason(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof io.camunda.client.api.command.ProblemException problem
        && problem.details() != null
        && problem.details().getDetail() != null) {
      return problem.details().getDetail();
    }
    return cause.getMessage();
  }

  private AuditEvent event(CurrentUser user, String action, UserTask task) {
    String businessKey = inbox.businessKeys(List.of(task)).get(task.getProcessInstanceKey());
    return AuditEvent.of(user.username(), action, "task", String.valueOf(task.getUserTaskKey()))
        .withTask(task.getUserTaskKey())
        .withProcessInstance(task.getProcessInstanceKey(), businessKey)
        .withDetail("taskName", task.getName())
        .withDetail("processDefinitionId", task.getBpmnProcessId())
        .withDetail("elementId", task.getElementId());
  }
}
