package life.suoke.ops.engine.processing.bpmn.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableJobWorkerTask;
import life.suoke.ops.engine.model.ExecutableUserTask;
import life.suoke.ops.engine.model.TaskListener;
import life.suoke.ops.engine.model.UserTaskDefinition;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.bpmn.BpmnElementProcessor;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Outcome;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;

/**
 * User tasks. A Camunda user task ({@code zeebe:userTask}) creates its user task on activation:
 * assignee, candidates, dates, priority and form reference evaluated in its scope, the linked form
 * looked up, then CREATING and CREATED (after the creating listeners, if any) and the assignment of
 * the model's assignee. It completes when the user task is completed. A job-worker user task is a
 * job-worker task.
 */
public final class UserTaskElementProcessor implements BpmnElementProcessor {

  private final BpmnBehaviors behaviors;
  private final BpmnStateTransitions transitions;

  public UserTaskElementProcessor(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    this.behaviors = behaviors;
    this.transitions = transitions;
  }

  @Override
  public Outcome<Void> finalizeActivation(ProcessingContext ctx, ElementInstance instance) {
    if (instance.element() instanceof ExecutableJobWorkerTask task) {
      return behaviors
          .jobs()
          .activateWithJob(ctx, instance, task.jobDefinition(), JobBehavior.BPMN_ELEMENT);
    }
    UserTaskDefinition definition = instance.element(ExecutableUserTask.class).userTaskDefinition();
    Outcome<Map<String, Object>> task = evaluate(ctx, instance, definition);
    if (task.isFailure()) {
      return Outcome.failure(task.failure());
    }
    Outcome<Long> formKey =
        definition.linkedForm() == null
            ? Outcome.success(-1L)
            : behaviors.linkedForms().formKey(ctx, instance, definition.linkedForm());
    if (formKey.isFailure()) {
      return Outcome.failure(formKey.failure());
    }
    return behaviors
        .catchEvents()
        .activatedWithBoundaryEvents(ctx, instance)
        .map(
            activated -> {
              create(ctx, instance, task.value(), formKey.value());
              return null;
            });
  }

  /**
   * The user task's attributes from the model, evaluated in the element's scope: assignee,
   * candidates, dates, priority (in [0,100]) and external form reference.
   */
  private Outcome<Map<String, Object>> evaluate(
      ProcessingContext ctx, ElementInstance instance, UserTaskDefinition definition) {
    EngineState state = ctx.state();
    ExpressionBehavior expressions = behaviors.expressions();
    Outcome<Map<String, Object>> evaluated =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> {
              Map<String, Object> task = new LinkedHashMap<>();
              task.put(
                  "assignee",
                  definition.assignee() == null
                      ? ""
                      : expressions.string(state, definition.assignee(), instance.key));
              task.put(
                  "candidateGroupsList",
                  definition.candidateGroups() == null
                      ? List.of()
                      : expressions.stringList(state, definition.candidateGroups(), instance.key));
              task.put(
                  "candidateUsersList",
                  definition.candidateUsers() == null
                      ? List.of()
                      : expressions.stringList(state, definition.candidateUsers(), instance.key));
              task.put(
                  "dueDate",
                  definition.dueDate() == null
                      ? ""
                      : expressions.dateTime(state, definition.dueDate(), instance.key));
              task.put(
                  "followUpDate",
                  definition.followUpDate() == null
                      ? ""
                      : expressions.dateTime(state, definition.followUpDate(), instance.key));
              task.put(
                  "priority", expressions.priority(state, definition.priority(), instance.key));
              task.put(
                  "externalFormReference",
                  definition.externalReference() == null
                      ? ""
                      : expressions.string(state, definition.externalReference(), instance.key));
              return task;
            });
    return evaluated.flatMap(
        task -> {
          int priority = ((Number) task.get("priority")).intValue();
          return priority < 0 || priority > 100
              ? Outcome.failure(
                  ErrorType.EXTRACT_VALUE_ERROR,
                  "Expected priority to be in the range [0,100], but was " + priority + ".")
              : Outcome.success(task);
        });
  }

  /**
   * Creates the user task of an activated element: CREATING and CREATED (after the creating
   * listeners, if any), then the assignment of the model's assignee (after the assigning listeners,
   * if any).
   */
  private void create(
      ProcessingContext ctx, ElementInstance instance, Map<String, Object> task, long formKey) {
    EngineState state = ctx.state();
    String assignee = (String) task.get("assignee");
    long key = state.nextKey();
    @SuppressWarnings("unchecked")
    UserTaskValue value =
        new UserTaskValue(
            key,
            "",
            (List<String>) task.get("candidateGroupsList"),
            (List<String>) task.get("candidateUsersList"),
            (String) task.get("dueDate"),
            (String) task.get("followUpDate"),
            formKey,
            List.of(),
            Map.of(),
            "",
            (String) task.get("externalFormReference"),
            instance.processInstanceKey,
            instance.key,
            instance.element().id(),
            instance.element().name() == null ? "" : instance.element().name(),
            instance.bpmnProcessId(),
            instance.processDefinitionKey(),
            instance.version(),
            instance.tenantId,
            ctx.now(),
            ((Number) task.get("priority")).intValue(),
            null);
    if (!instance
        .element(ExecutableUserTask.class)
        .taskListeners(TaskListener.EventType.CREATING)
        .isEmpty()) {
      // the model's assignee is assigned once the creating listeners are done
      behaviors.userTasks().create(ctx, key, value);
      return;
    }
    ctx.event(UserTaskIntent.CREATING, key, value);
    ctx.event(UserTaskIntent.CREATED, key, value);
    if (!assignee.isEmpty()) {
      UserTaskValue.Builder assigning = value.toBuilder();
      assigning.assignee = assignee;
      assigning.changedAttributes = List.of("assignee");
      assigning.action = "assign";
      UserTaskValue assigned = assigning.build();
      ctx.event(UserTaskIntent.ASSIGNING, key, assigned);
      if (!instance
          .element(ExecutableUserTask.class)
          .taskListeners(TaskListener.EventType.ASSIGNING)
          .isEmpty()) {
        behaviors.userTasks().transition(ctx, key);
      } else {
        ctx.event(UserTaskIntent.ASSIGNED, key, assigned);
      }
    }
  }

  @Override
  public Outcome<Void> finalizeCompletion(ProcessingContext ctx, ElementInstance instance) {
    transitions.completed(ctx, instance, instance.element().outgoing());
    return Outcome.success();
  }
}
