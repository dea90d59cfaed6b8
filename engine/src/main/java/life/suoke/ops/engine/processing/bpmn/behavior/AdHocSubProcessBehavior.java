package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.AdHocElementActivation;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.model.AdHocSubProcess;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.ExecutableAdHocSubProcess;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.intent.AdHocSubProcessInstructionIntent;
import life.suoke.ops.engine.record.value.AdHocSubProcessInstructionValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Job;
import life.suoke.ops.engine.state.Variable;

/**
 * Ad-hoc subprocesses as Zeebe 8.8 runs them ("Ad-hoc sub-processes" in Camunda's BPMN docs). Their
 * elements are not reached from a start event: the subprocess, or a job worker deciding for it, or
 * a client, chooses which to activate and when the subprocess is done.
 *
 * <ul>
 *   <li>On activation, before its input mappings, the subprocess gets the local variable {@code
 *       adHocSubProcessElements} (what it can activate, for a worker to choose from) and, with an
 *       output collection, that collection as an empty list.
 *   <li>Each activation runs its element in an inner instance of its own ({@code
 *       AD_HOC_SUB_PROCESS_INNER_INSTANCE}), together with the flow that follows the element; the
 *       inner instance completes when that flow ends. An element can be activated any number of
 *       times, also while it is active.
 *   <li>When an inner instance completes, its output element is appended to the output collection
 *       (propagated when the subprocess completes). Without a job worker, the completion condition
 *       is then evaluated in the subprocess: true completes it, terminating the inner instances
 *       still active (or, with {@code cancelRemainingInstances="false"}, once they have completed);
 *       false leaves it active; without a condition it completes when no inner instance is left.
 *       Elements are activated by the active elements collection, when the subprocess is activated
 *       (an empty or absent collection activates nothing and the subprocess waits), or by the
 *       activation call.
 *   <li>With a job worker ({@code zeebe:taskDefinition}), a job of kind {@code AD_HOC_SUB_PROCESS}
 *       is created when the subprocess is activated and again whenever an inner instance completes
 *       (the one still open is canceled first). Its result activates elements, or fulfils the
 *       completion condition (with or without terminating the rest), recorded as {@code
 *       AD_HOC_SUB_PROCESS_INSTRUCTION} ACTIVATED or COMPLETED; the job's variables are merged into
 *       the subprocess's scope. A subprocess whose condition a result fulfilled asks its worker no
 *       more.
 * </ul>
 */
public final class AdHocSubProcessBehavior {

  public static final String JOB_KIND = "AD_HOC_SUB_PROCESS";

  private static final String NOT_AN_AD_HOC_SUB_PROCESS =
      "Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '%d'.";
  private static final String NOT_ACTIVE =
      "Expected to activate activities for ad-hoc sub-process with key '%d', but it is not active.";
  private static final String DUPLICATE_ELEMENTS =
      "Expected to activate activities for ad-hoc sub-process with key '%d', but duplicate activities were given.";
  private static final String ELEMENTS_NOT_FOUND =
      "Expected to activate activities for ad-hoc sub-process with key '%d', but the given elements %s do not exist.";
  private static final String ACTIVATION_WITH_FULFILLED_CONDITION =
      "Expected to complete ad-hoc sub-process job, but the job result contains elements to be"
          + " activated while the completion condition is fulfilled (job key '%d'). When the"
          + " completion condition is fulfilled, no further element activations are allowed."
          + " Either remove the elements to be activated from the job result, or set the"
          + " completion condition to not fulfilled.";

  private final ExpressionBehavior expressions;
  private final VariableBehavior variables;
  private final JobBehavior jobs;
  private final CatchEventBehavior catchEvents;
  private final IncidentBehavior incidents;
  private final BpmnStateTransitions transitions;

  AdHocSubProcessBehavior(
      ExpressionBehavior expressions,
      VariableBehavior variables,
      JobBehavior jobs,
      CatchEventBehavior catchEvents,
      IncidentBehavior incidents,
      BpmnStateTransitions transitions) {
    this.expressions = expressions;
    this.variables = variables;
    this.jobs = jobs;
    this.catchEvents = catchEvents;
    this.incidents = incidents;
    this.transitions = transitions;
  }

  // ------------------------------------------------------------------ activation

  /** The subprocess is activating: its own variables, before its input mappings. */
  public void setActivationVariables(ProcessingContext ctx, ElementInstance adHoc) {
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    variables.setVariable(
        ctx, adHoc.key, AdHocSubProcess.ELEMENTS_VARIABLE, definition.elementsMetadata());
    if (definition.outputCollection() != null) {
      variables.setVariable(ctx, adHoc.key, definition.outputCollection(), List.of());
    }
  }

  /**
   * The subprocess's own activation, after its input mappings and start listeners: it opens its
   * boundary events and either asks its job worker or activates its active elements collection.
   */
  public Outcome<Void> activate(ProcessingContext ctx, ElementInstance adHoc) {
    if (adHoc.element(ExecutableAdHocSubProcess.class).jobDefinition() != null) {
      return jobs.activateWithJob(
          ctx, adHoc, adHoc.element(ExecutableAdHocSubProcess.class).jobDefinition(), JOB_KIND);
    }
    Outcome<List<String>> elementIds = activeElements(ctx.state(), adHoc);
    if (elementIds.isFailure()) {
      return Outcome.failure(elementIds.failure());
    }
    return catchEvents
        .activatedWithBoundaryEvents(ctx, adHoc)
        .map(
            activated -> {
              elementIds.value().forEach(id -> activateElement(ctx, adHoc, id, Map.of()));
              return null;
            });
  }

  /**
   * The ids the active elements collection gives (none without one), each an element the subprocess
   * can activate.
   */
  private Outcome<List<String>> activeElements(EngineState state, ElementInstance adHoc) {
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    if (definition.activeElementsCollection() == null) {
      return Outcome.success(List.of());
    }
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.stringList(state, definition.activeElementsCollection(), adHoc.key))
        .mapMessage(message -> "Failed to activate ad-hoc elements. " + message)
        .flatMap(
            elementIds -> {
              List<String> unknown = notActivatable(adHoc, elementIds);
              return unknown.isEmpty()
                  ? Outcome.success(elementIds)
                  : Outcome.failure(
                      ErrorType.EXTRACT_VALUE_ERROR,
                      String.format(ELEMENTS_NOT_FOUND, adHoc.key, unknown));
            });
  }

  /** The ids of elements the subprocess cannot activate, in the order given. */
  private static List<String> notActivatable(ElementInstance adHoc, List<String> elementIds) {
    Map<String, ?> activatable =
        adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess().activatableElements();
    return elementIds.stream().filter(id -> !activatable.containsKey(id)).toList();
  }

  /**
   * Activates an element in a new inner instance: the inner instance is activated at once, with the
   * given variables local to it, and the element after it. A local output element variable of the
   * subprocess is set to null first, so that a result of that name is not written further up.
   */
  private void activateElement(
      ProcessingContext ctx, ElementInstance adHoc, String elementId, Map<String, Object> locals) {
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    ElementInstance inner = transitions.enter(ctx, adHoc, definition.innerInstance(), List.of());
    String outputVariable = MultiInstanceBehavior.outputVariable(definition.outputElement());
    if (outputVariable != null) {
      variables.setVariable(ctx, adHoc.key, outputVariable, null);
    }
    variables.setLocal(ctx, inner.key, locals);
    ctx.followUp(
        () -> transitions.activate(ctx, inner, definition.activatableElements().get(elementId)));
  }

  /**
   * Activates elements and records it (AD_HOC_SUB_PROCESS_INSTRUCTION ACTIVATED), for the
   * activation call or a job worker's result.
   */
  private void activateElements(
      ProcessingContext ctx,
      ElementInstance adHoc,
      List<AdHocElementActivation> elements,
      boolean cancelRemainingInstances) {
    elements.forEach(
        element -> activateElement(ctx, adHoc, element.elementId(), element.variables()));
    ctx.event(
        AdHocSubProcessInstructionIntent.ACTIVATED,
        adHoc.key,
        instructionValue(adHoc.key, elements, cancelRemainingInstances, false, adHoc.tenantId));
  }

  // ------------------------------------------------------------------ the activation call

  /**
   * Activates elements of an active subprocess for a client, with Zeebe's rejections (nothing
   * written before them).
   */
  public void activateByCommand(
      ProcessingContext ctx,
      long adHocKey,
      List<AdHocElementActivation> elements,
      boolean cancelRemainingInstances) {
    ElementInstance adHoc = ctx.state().elementInstance(adHocKey);
    if (adHoc == null || adHoc.type() != BpmnElementType.AD_HOC_SUB_PROCESS) {
      throw Rejection.notFound(NOT_AN_AD_HOC_SUB_PROCESS, adHocKey);
    }
    if (adHoc.state() != ElementInstance.State.ACTIVATED) {
      throw Rejection.invalidState(NOT_ACTIVE, adHocKey);
    }
    List<String> elementIds = elements.stream().map(AdHocElementActivation::elementId).toList();
    if (new HashSet<>(elementIds).size() != elementIds.size()) {
      throw Rejection.invalidArgument(DUPLICATE_ELEMENTS, adHocKey);
    }
    List<String> unknown = notActivatable(adHoc, elementIds);
    if (!unknown.isEmpty()) {
      throw Rejection.notFound(ELEMENTS_NOT_FOUND, adHocKey, unknown);
    }
    activateElements(ctx, adHoc, elements, cancelRemainingInstances);
  }

  /** The value of an AD_HOC_SUB_PROCESS_INSTRUCTION record, as Zeebe's exporters see it. */
  public static AdHocSubProcessInstructionValue instructionValue(
      long adHocKey,
      List<AdHocElementActivation> elements,
      boolean cancelRemainingInstances,
      boolean completionConditionFulfilled,
      String tenantId) {
    return new AdHocSubProcessInstructionValue(
        String.valueOf(adHocKey),
        activationsValue(elements),
        cancelRemainingInstances,
        completionConditionFulfilled,
        tenantId);
  }

  /** Elements to activate as records carry them: {@code elementId} and {@code variables}. */
  public static List<Object> activationsValue(List<AdHocElementActivation> elements) {
    List<Object> activations = new ArrayList<>();
    for (AdHocElementActivation element : elements) {
      Map<String, Object> activation = new LinkedHashMap<>();
      activation.put("elementId", element.elementId());
      activation.put("variables", element.variables());
      activations.add(activation);
    }
    return activations;
  }

  // ------------------------------------------------------------------ the job worker

  /**
   * Zeebe's rejections of an ad-hoc subprocess job's result, before the job is completed: elements
   * the subprocess cannot activate, and elements to activate with a fulfilled completion condition.
   */
  public void checkJobResult(ProcessingContext ctx, Job job, JobResult result) {
    ElementInstance adHoc = ctx.state().elementInstance(job.elementInstanceKey);
    JobResult.AdHocSubProcess decision = result == null ? null : result.adHocSubProcess();
    if (adHoc == null || decision == null) {
      return;
    }
    List<String> elementIds =
        decision.activateElements().stream().map(AdHocElementActivation::elementId).toList();
    List<String> unknown = notActivatable(adHoc, elementIds);
    if (!unknown.isEmpty()) {
      throw Rejection.notFound(ELEMENTS_NOT_FOUND, adHoc.key, unknown);
    }
    if (!elementIds.isEmpty() && decision.completionConditionFulfilled()) {
      throw Rejection.invalidArgument(ACTIVATION_WITH_FULFILLED_CONDITION, job.key);
    }
  }

  /**
   * The subprocess's job is completed: its variables are merged into the subprocess's scope, then
   * the result's elements are activated or its completion is recorded and carried out.
   */
  public void jobCompleted(
      ProcessingContext ctx,
      ElementInstance adHoc,
      Map<String, Object> jobVariables,
      JobResult result) {
    variables.mergePropagating(ctx, adHoc.key, jobVariables);
    JobResult.AdHocSubProcess decision = result == null ? null : result.adHocSubProcess();
    if (decision == null) {
      return;
    }
    if (!decision.activateElements().isEmpty()) {
      activateElements(ctx, adHoc, decision.activateElements(), false);
    }
    if (decision.completionConditionFulfilled()) {
      ctx.event(
          AdHocSubProcessInstructionIntent.COMPLETED,
          adHoc.key,
          instructionValue(
              adHoc.key, List.of(), decision.cancelRemainingInstances(), true, adHoc.tenantId));
      completionConditionFulfilled(ctx, adHoc, decision.cancelRemainingInstances());
    }
  }

  /**
   * Asks the worker again (a new job, the open one canceled), unless a result fulfilled the
   * completion condition: then the subprocess completes if it can. Also the retry after the job's
   * type, retries or headers could not be evaluated; that failure is the subprocess's.
   */
  public Outcome<Void> askWorker(ProcessingContext ctx, ElementInstance adHoc) {
    jobs.cancel(ctx, adHoc);
    if (adHoc.adHocCompletionConditionFulfilled()) {
      completionConditionFulfilled(ctx, adHoc, adHoc.adHocCancelRemainingInstances());
      return Outcome.success();
    }
    return jobs.plan(ctx, adHoc, adHoc.element(ExecutableAdHocSubProcess.class).jobDefinition())
        .map(
            job -> {
              jobs.create(ctx, adHoc, job, JOB_KIND);
              return null;
            });
  }

  // ------------------------------------------------------------------ completion

  /**
   * An inner instance is completing (its flow ended): its output element is evaluated in it and,
   * without a job worker, the completion condition in the subprocess; a failure leaves the inner
   * instance completing with an incident, and nothing is collected until it is resolved. Then the
   * output is appended, the inner instance completes, and the subprocess decides what follows.
   */
  public Outcome<Void> innerInstanceCompleting(ProcessingContext ctx, ElementInstance inner) {
    EngineState state = ctx.state();
    ElementInstance adHoc = state.elementInstance(inner.flowScopeKey);
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    Outcome<Collected> collected =
        Outcome.evaluate(ErrorType.EXTRACT_VALUE_ERROR, () -> collectedOutput(state, adHoc, inner))
            .flatMap(
                output ->
                    completionCondition(state, adHoc)
                        .map(conditionMet -> new Collected(output, conditionMet)));
    return collected.map(
        result -> {
          if (result.output() != null) {
            variables.setVariable(ctx, adHoc.key, definition.outputCollection(), result.output());
          }
          transitions.completed(ctx, inner, List.of());
          innerInstanceCompleted(ctx, adHoc, result.conditionMet());
          return null;
        });
  }

  /**
   * What an inner instance's completion gives: the output collection with its output appended (null
   * without one) and whether the completion condition holds (null without one).
   */
  private record Collected(List<Object> output, Boolean conditionMet) {}

  /** The output collection with the inner instance's output element appended, or null if none. */
  private List<Object> collectedOutput(
      EngineState state, ElementInstance adHoc, ElementInstance inner) throws ExpressionFailure {
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    if (definition.outputCollection() == null) {
      return null;
    }
    Object item = expressions.evaluate(state, definition.outputElement(), inner.key);
    Variable current = state.localVariables(adHoc.key).get(definition.outputCollection());
    Object collection = current == null ? null : current.value();
    if (!(collection instanceof List<?> list)) {
      throw new ExpressionFailure(
          String.format(
              "The output collection has the wrong type. Expected ARRAY but was %s.",
              MultiInstanceBehavior.typeName(collection)));
    }
    List<Object> appended = new ArrayList<>(list);
    appended.add(item);
    return appended;
  }

  /**
   * The completion condition, evaluated in the subprocess; null without one, and for a job worker
   * (whose results decide).
   */
  private Outcome<Boolean> completionCondition(EngineState state, ElementInstance adHoc) {
    AdHocSubProcess definition = adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess();
    if (adHoc.element(ExecutableAdHocSubProcess.class).jobDefinition() != null
        || definition.completionCondition() == null) {
      return Outcome.success(null);
    }
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.condition(state, definition.completionCondition(), adHoc.key))
        .mapMessage(message -> "Failed to evaluate completion condition. " + message);
  }

  private void innerInstanceCompleted(
      ProcessingContext ctx, ElementInstance adHoc, Boolean conditionMet) {
    if (adHoc.state() != ElementInstance.State.ACTIVATED) {
      return;
    }
    if (adHoc.element(ExecutableAdHocSubProcess.class).jobDefinition() != null) {
      // the failure to ask the worker again is the subprocess's, received here
      askWorker(ctx, adHoc).ifFailure(failure -> incidents.raise(ctx, adHoc, failure));
    } else if (conditionMet == null) {
      if (nothingLeft(adHoc)) {
        transitions.complete(ctx, adHoc, null);
      }
    } else if (conditionMet) {
      completionConditionFulfilled(
          ctx,
          adHoc,
          adHoc
              .element(ExecutableAdHocSubProcess.class)
              .adHocSubProcess()
              .cancelRemainingInstances());
    }
  }

  /**
   * The completion condition holds: the subprocess completes now, after terminating what is still
   * active in it, or, when the rest is to be waited for, once nothing is left.
   */
  private void completionConditionFulfilled(
      ProcessingContext ctx, ElementInstance adHoc, boolean cancelRemainingInstances) {
    if (cancelRemainingInstances) {
      for (ElementInstance inner : ctx.state().children(adHoc.key)) {
        transitions.terminate(ctx, inner);
      }
    }
    if (nothingLeft(adHoc)) {
      transitions.complete(ctx, adHoc, null);
    } // else once the last inner instance completes, or is terminated (canceling listeners)
  }

  private static boolean nothingLeft(ElementInstance adHoc) {
    return adHoc.activeChildren() == 0 && adHoc.activeFlows() == 0;
  }

  /** The subprocess completes: its output collection goes to its flow scope. */
  public void propagateOutput(ProcessingContext ctx, ElementInstance adHoc) {
    String name =
        adHoc.element(ExecutableAdHocSubProcess.class).adHocSubProcess().outputCollection();
    if (name == null) {
      return;
    }
    Variable collection = ctx.state().localVariables(adHoc.key).get(name);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put(name, collection == null ? null : collection.value());
    variables.mergePropagating(ctx, adHoc.flowScopeKey, output);
  }
}
