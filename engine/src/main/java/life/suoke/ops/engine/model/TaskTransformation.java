package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.ModelElements.optional;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.feel.FeelEvaluator;

/**
 * The executable parts of tasks: jobs, user tasks and their forms, listeners, headers and mappings.
 */
final class TaskTransformation {

  static final String USER_TASK_RETRIES = "1";
  static final String DEFAULT_RETRIES = "3";
  static final String DEFAULT_PRIORITY = "50";

  private TaskTransformation() {}

  /** {@code zeebe:executionListeners}, in modelling order (retries default to 3, as for tasks). */
  static List<ExecutionListener> executionListeners(BaseElement element) {
    ZeebeExecutionListeners listeners = extension(element, ZeebeExecutionListeners.class);
    if (listeners == null) {
      return List.of();
    }
    List<ExecutionListener> result = new ArrayList<>();
    for (var listener : listeners.getExecutionListeners()) {
      String retries =
          listener.getRetries() == null || listener.getRetries().isBlank()
              ? DEFAULT_RETRIES
              : listener.getRetries();
      ExecutionListener.EventType eventType =
          listener.getEventType()
                  == io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType.end
              ? ExecutionListener.EventType.END
              : ExecutionListener.EventType.START;
      result.add(
          new ExecutionListener(
              eventType, Expression.parse(listener.getType()), Expression.parse(retries)));
    }
    return result;
  }

  /** {@code zeebe:taskListeners}, in modelling order (retries default to 3, as for tasks). */
  static List<TaskListener> taskListeners(BaseElement element) {
    ZeebeTaskListeners listeners = extension(element, ZeebeTaskListeners.class);
    if (listeners == null) {
      return List.of();
    }
    List<TaskListener> result = new ArrayList<>();
    for (var listener : listeners.getTaskListeners()) {
      String retries =
          listener.getRetries() == null || listener.getRetries().isBlank()
              ? DEFAULT_RETRIES
              : listener.getRetries();
      if (listener.getEventType() == null) {
        continue;
      }
      result.add(
          new TaskListener(
              taskListenerEventType(listener.getEventType()),
              Expression.parse(listener.getType()),
              Expression.parse(retries)));
    }
    return result;
  }

  /** Zeebe 8.8's event type names, and the deprecated ones it still accepts. */
  static TaskListener.EventType taskListenerEventType(
      io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType type) {
    if (type == null) {
      return null; // Zeebe's validators reject it
    }
    return switch (type) {
      case create, creating -> TaskListener.EventType.CREATING;
      case assignment, assigning -> TaskListener.EventType.ASSIGNING;
      case update, updating -> TaskListener.EventType.UPDATING;
      case complete, completing -> TaskListener.EventType.COMPLETING;
      case cancel, canceling -> TaskListener.EventType.CANCELING;
    };
  }

  /**
   * {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders}: the job of a task or message throw
   * event.
   */
  static JobDefinition jobDefinition(FlowNode node, Map<String, String> headers) {
    ZeebeTaskDefinition definition = extension(node, ZeebeTaskDefinition.class);
    String retries =
        definition.getRetries() == null || definition.getRetries().isBlank()
            ? DEFAULT_RETRIES
            : definition.getRetries();
    return new JobDefinition(
        Expression.parse(definition.getType()), Expression.parse(retries), headers);
  }

  static UserTaskDefinition camundaUserTask(FlowNode node) {
    ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority = extension(node, ZeebePriorityDefinition.class);
    ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
    String priorityValue = priority == null ? null : blankToNull(priority.getPriority());
    return new UserTaskDefinition(
        assignment == null ? null : optional(assignment.getAssignee()),
        assignment == null ? null : optional(assignment.getCandidateGroups()),
        assignment == null ? null : optional(assignment.getCandidateUsers()),
        schedule == null ? null : optional(schedule.getDueDate()),
        schedule == null ? null : optional(schedule.getFollowUpDate()),
        Expression.parse(priorityValue == null ? DEFAULT_PRIORITY : priorityValue),
        form == null ? null : blankToNull(form.getFormKey()),
        linkedForm(form),
        form == null ? null : optional(form.getExternalReference()));
  }

  /**
   * The deployed form that {@code zeebe:formDefinition formId} links a user task of either kind to,
   * or null.
   */
  static LinkedForm linkedForm(ZeebeFormDefinition form) {
    String formId = form == null ? null : blankToNull(form.getFormId());
    if (formId == null) {
      return null;
    }
    String bindingType = form.getBindingType() == null ? "latest" : form.getBindingType().name();
    return new LinkedForm(Expression.parse(formId), bindingType, blankToNull(form.getVersionTag()));
  }

  /**
   * A user task without {@code zeebe:userTask}: a job of type {@code io.camunda.zeebe:userTask}
   * with 1 retry, whose assignment, schedule and form key (a custom one, or the key of the linked
   * form found when the job is created) travel as reserved headers.
   */
  static JobDefinition jobWorkerUserTask(FlowNode node, Map<String, String> taskHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(taskHeaders);
    Map<String, Expression> expressions = new LinkedHashMap<>();
    ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
    if (assignment != null) {
      userTaskHeader(JobDefinition.ASSIGNEE_HEADER, assignment.getAssignee(), headers, expressions);
      userTaskHeader(
          JobDefinition.CANDIDATE_GROUPS_HEADER,
          assignment.getCandidateGroups(),
          headers,
          expressions);
      userTaskHeader(
          JobDefinition.CANDIDATE_USERS_HEADER,
          assignment.getCandidateUsers(),
          headers,
          expressions);
    }
    ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
    if (schedule != null) {
      userTaskHeader(JobDefinition.DUE_DATE_HEADER, schedule.getDueDate(), headers, expressions);
      userTaskHeader(
          JobDefinition.FOLLOW_UP_DATE_HEADER, schedule.getFollowUpDate(), headers, expressions);
    }
    ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
    if (form != null && blankToNull(form.getFormKey()) != null) {
      headers.put(JobDefinition.FORM_KEY_HEADER, form.getFormKey());
    }
    return new JobDefinition(
        new Expression(JobDefinition.USER_TASK_JOB_TYPE, false),
        new Expression(USER_TASK_RETRIES, false),
        headers,
        expressions,
        linkedForm(form));
  }

  /**
   * A static value is resolved now, as Zeebe would at activation; a FEEL one is kept to evaluate.
   */
  static void userTaskHeader(
      String header,
      String attribute,
      Map<String, String> headers,
      Map<String, Expression> expressions) {
    Expression expression = optional(attribute);
    if (expression == null) {
      return;
    }
    if (expression.feel()) {
      expressions.put(header, expression);
      return;
    }
    String value =
        switch (header) {
          case JobDefinition.CANDIDATE_GROUPS_HEADER, JobDefinition.CANDIDATE_USERS_HEADER ->
              FeelEvaluator.toJsonList(FeelEvaluator.parseCsv(attribute).value());
          case JobDefinition.DUE_DATE_HEADER, JobDefinition.FOLLOW_UP_DATE_HEADER ->
              ZonedDateTime.parse(attribute).toString();
          default -> attribute;
        };
    headers.put(header, value);
  }

  static void addMappings(BaseElement source, ExecutableElement element) {
    ZeebeIoMapping ioMapping = extension(source, ZeebeIoMapping.class);
    if (ioMapping == null) {
      return;
    }
    ioMapping.getInputs().forEach(input -> element.addInputMapping(mapping(input)));
    ioMapping.getOutputs().forEach(output -> element.addOutputMapping(mapping(output)));
  }

  /** A mapping without a source maps {@code null} to its target (Camunda 8 docs, "Variables"). */
  static Mapping mapping(ZeebeMapping mapping) {
    String source = mapping.getSource();
    Expression expression =
        source == null || source.isBlank() ? Expression.feel("null") : Expression.parse(source);
    return new Mapping(expression, mapping.getTarget().strip());
  }

  static Map<String, String> taskHeaders(BaseElement element) {
    ZeebeTaskHeaders taskHeaders = extension(element, ZeebeTaskHeaders.class);
    if (taskHeaders == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (ZeebeHeader header : taskHeaders.getHeaders()) {
      if (header.getKey() != null) {
        headers.put(header.getKey(), header.getValue() == null ? "" : header.getValue());
      }
    }
    return headers;
  }
}
