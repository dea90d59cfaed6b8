package life.suoke.ops.engine.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.JobResult;
import life.suoke.ops.engine.processing.bpmn.behavior.AdHocSubProcessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.behavior.ErrorType;
import life.suoke.ops.engine.processing.bpmn.behavior.EventTriggerBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.Failure;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.value.JobBatchValue;
import life.suoke.ops.engine.record.value.JobValue;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Job;

/**
 * The job lifecycle: activation, completion, failure with retries and back-off, errors, time-outs.
 */
final class JobProcessor {

  private final BpmnBehaviors bpmn;
  private final BpmnStateTransitions transitions;
  private final EngineListener listener;

  JobProcessor(BpmnBehaviors bpmn, BpmnStateTransitions transitions, EngineListener listener) {
    this.bpmn = bpmn;
    this.transitions = transitions;
    this.listener = listener;
  }

  List<ActivatedJob> activate(
      ProcessingContext ctx,
      String type,
      String worker,
      long timeoutMillis,
      int maxJobs,
      List<String> fetchVariables) {
    EngineState state = ctx.state();
    List<Long> keys = new ArrayList<>();
    for (Long key : state.activatableJobs(type)) {
      if (keys.size() >= maxJobs) {
        break;
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    long deadline = ctx.now() + timeoutMillis;
    List<JobValue> values = new ArrayList<>(keys.size());
    List<ActivatedJob> activated = new ArrayList<>(keys.size());
    for (long key : keys) {
      Job job = state.job(key);
      Map<String, Object> variables = fetch(state, job.elementInstanceKey, fetchVariables);
      values.add(JobBehavior.jobValue(job, worker, deadline, timeoutMillis, variables));
      activated.add(
          new ActivatedJob(
              key,
              job.type,
              job.processInstanceKey,
              job.bpmnProcessId(),
              job.processDefinitionVersion(),
              job.processDefinitionKey(),
              job.elementId(),
              job.elementInstanceKey,
              job.customHeaders,
              worker,
              job.retries(),
              deadline,
              variables,
              job.tenantId,
              job.kind(),
              job.listenerEventType()));
    }
    ctx.event(
        JobBatchIntent.ACTIVATED,
        state.nextKey(),
        new JobBatchValue(
            type, worker, timeoutMillis, maxJobs, List.of("<default>"), false, keys, values));
    return activated;
  }

  private static Map<String, Object> fetch(EngineState state, long scopeKey, List<String> names) {
    Map<String, Object> visible = state.visibleVariables(scopeKey);
    if (names == null || names.isEmpty()) {
      return visible;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    for (String name : names) {
      if (visible.containsKey(name)) {
        selected.put(name, visible.get(name));
      }
    }
    return selected;
  }

  void complete(ProcessingContext ctx, long key, Map<String, Object> variables, JobResult result) {
    Job job = requireJob(ctx, key, "complete", Job.State.ACTIVATABLE, Job.State.ACTIVATED);
    boolean taskListener = "TASK_LISTENER".equals(job.kind());
    boolean adHocSubProcess = AdHocSubProcessBehavior.JOB_KIND.equals(job.kind());
    if (taskListener) {
      bpmn.taskListeners().checkCompletion(ctx, job, variables, result);
    } else if (adHocSubProcess) {
      bpmn.adHocSubProcesses().checkJobResult(ctx, job, result);
    }
    ElementInstance instance = ctx.state().elementInstance(job.elementInstanceKey);
    JobValue.Builder completed = JobBehavior.jobValue(job).toBuilder();
    completed.variables = variables;
    completed.result = result == null ? null : resultValue(result);
    ctx.event(JobIntent.COMPLETED, key, completed.build());
    if (instance != null && taskListener) {
      bpmn.userTasks().listenerCompleted(ctx, instance, result);
    } else if (instance != null && job.isExecutionListener()) {
      bpmn.executionListeners().listenerCompleted(ctx, instance, variables);
    } else if (instance != null && adHocSubProcess) {
      bpmn.adHocSubProcesses().jobCompleted(ctx, instance, variables, result);
    } else if (instance != null) {
      transitions.complete(ctx, instance, variables);
    }
  }

  private static Map<String, Object> resultValue(JobResult result) {
    Map<String, Object> value = new LinkedHashMap<>();
    if (result.adHocSubProcess() != null) {
      JobResult.AdHocSubProcess decision = result.adHocSubProcess();
      value.put("type", "AD_HOC_SUB_PROCESS");
      value.put(
          "activateElements",
          AdHocSubProcessBehavior.activationsValue(decision.activateElements()));
      value.put("completionConditionFulfilled", decision.completionConditionFulfilled());
      value.put("cancelRemainingInstances", decision.cancelRemainingInstances());
      return value;
    }
    value.put("type", "USER_TASK");
    value.put("denied", result.denied());
    value.put("deniedReason", result.deniedReason());
    value.put("correctedAttributes", new ArrayList<>(result.corrections().keySet()));
    value.put("corrections", result.corrections());
    return value;
  }

  void fail(
      ProcessingContext ctx,
      long key,
      int retries,
      String message,
      long backoffMillis,
      Map<String, Object> variables) {
    Job job = requireJob(ctx, key, "fail", Job.State.ACTIVATABLE, Job.State.ACTIVATED);
    ElementInstance instance = ctx.state().elementInstance(job.elementInstanceKey);
    if (variables != null && !variables.isEmpty() && instance != null) {
      bpmn.variables().setLocal(ctx, instance.key, variables);
    }
    JobValue.Builder failed = JobBehavior.jobValue(job).toBuilder();
    failed.retries = retries;
    failed.errorMessage = message == null ? "" : message;
    failed.retryBackoff = retries > 0 ? backoffMillis : 0L;
    failed.recurringTime = retries > 0 && backoffMillis > 0 ? ctx.now() + backoffMillis : -1L;
    ctx.event(JobIntent.FAILED, key, failed.build());
    if (retries <= 0 && instance != null) {
      String reason = message == null || message.isBlank() ? "No more retries left." : message;
      bpmn.incidents().raise(ctx, instance, new Failure(noRetriesErrorType(job), reason), key);
    } else if (backoffMillis <= 0) {
      listener.jobsAvailable(job.type);
    }
  }

  /** The incident of a job out of retries, by the kind of job. */
  private static ErrorType noRetriesErrorType(Job job) {
    return switch (job.kind()) {
      case "EXECUTION_LISTENER" -> ErrorType.EXECUTION_LISTENER_NO_RETRIES;
      case "TASK_LISTENER" -> ErrorType.TASK_LISTENER_NO_RETRIES;
      case AdHocSubProcessBehavior.JOB_KIND -> ErrorType.AD_HOC_SUB_PROCESS_NO_RETRIES;
      default -> ErrorType.JOB_NO_RETRIES;
    };
  }

  void throwError(
      ProcessingContext ctx,
      long key,
      String errorCode,
      String message,
      Map<String, Object> variables) {
    Job job =
        requireJob(ctx, key, "throw an error for", Job.State.ACTIVATABLE, Job.State.ACTIVATED);
    if (job.isExecutionListener() || "TASK_LISTENER".equals(job.kind())) {
      // the element is not ACTIVATED while its listeners run, so nothing could catch the error
      throw Rejection.invalidState(
          "Cannot throw BPMN error from %s job with key '%d', type '%s' and processInstanceKey '%d'",
          job.kind(), key, job.type, job.processInstanceKey);
    }
    ElementInstance instance = ctx.state().elementInstance(job.elementInstanceKey);
    JobValue.Builder thrown = JobBehavior.jobValue(job).toBuilder();
    thrown.errorCode = errorCode;
    thrown.errorMessage = message == null ? "" : message;
    thrown.variables = variables == null ? Map.of() : variables;
    ctx.event(JobIntent.ERROR_THROWN, key, thrown.build());
    if (instance != null
        && !bpmn.eventTriggers().throwError(ctx, instance, errorCode, message, variables)) {
      String reason =
          EventTriggerBehavior.unhandledErrorMessage(
              ctx.state(),
              instance,
              errorCode,
              message == null || message.isBlank() ? "" : message);
      bpmn.incidents()
          .raise(ctx, instance, new Failure(ErrorType.UNHANDLED_ERROR_EVENT, reason), key);
    }
  }

  void updateRetries(ProcessingContext ctx, long key, int retries) {
    if (retries < 1) {
      throw Rejection.invalidArgument(
          "Expected to update retries for job with key '%d' with a positive amount of retries, but the amount given was '%d'",
          key, retries);
    }
    Job job = requireJob(ctx, key, "update retries of");
    JobValue.Builder updated = JobBehavior.jobValue(job).toBuilder();
    updated.retries = retries;
    ctx.event(JobIntent.RETRIES_UPDATED, key, updated.build());
  }

  void updateTimeout(ProcessingContext ctx, long key, long timeoutMillis) {
    Job job = requireJob(ctx, key, "update the timeout of", Job.State.ACTIVATED);
    JobValue.Builder updated = JobBehavior.jobValue(job).toBuilder();
    updated.deadline = ctx.now() + timeoutMillis;
    updated.timeout = timeoutMillis;
    ctx.event(JobIntent.TIMEOUT_UPDATED, key, updated.build());
  }

  /** Makes jobs whose activation deadline passed activatable again. */
  void timeOut(ProcessingContext ctx, List<Long> keys) {
    for (long key : keys) {
      Job job = ctx.state().job(key);
      if (job != null && job.state() == Job.State.ACTIVATED && job.deadline() <= ctx.now()) {
        ctx.event(JobIntent.TIMED_OUT, key, JobBehavior.jobValue(job));
        listener.jobsAvailable(job.type);
      }
    }
  }

  /** Makes failed jobs whose back-off passed activatable again. */
  void recur(ProcessingContext ctx, List<Long> keys) {
    for (long key : keys) {
      Job job = ctx.state().job(key);
      if (job != null && job.state() == Job.State.BACKOFF) {
        ctx.event(JobIntent.RECURRED_AFTER_BACKOFF, key, JobBehavior.jobValue(job));
        listener.jobsAvailable(job.type);
      }
    }
  }

  /** A pushed job that could not be delivered goes back to the pool. */
  void yield(ProcessingContext ctx, long key) {
    Job job = ctx.state().job(key);
    if (job != null && job.state() == Job.State.ACTIVATED) {
      ctx.event(JobIntent.YIELDED, key, JobBehavior.jobValue(job));
      listener.jobsAvailable(job.type);
    }
  }

  private static Job requireJob(
      ProcessingContext ctx, long key, String action, Job.State... allowed) {
    Job job = ctx.state().job(key);
    if (job == null) {
      throw Rejection.notFound(
          "Expected to %s job with key '%d', but no such job was found", action, key);
    }
    if (allowed.length > 0) {
      for (Job.State state : allowed) {
        if (job.state() == state) {
          return job;
        }
      }
      throw Rejection.invalidState(
          "Expected to %s job with key '%d', but it is in state '%s'",
          action, key, describe(job.state()));
    }
    return job;
  }

  private static String describe(Job.State state) {
    return switch (state) {
      case FAILED -> "FAILED";
      case ERROR_THROWN -> "ERROR_THROWN";
      case BACKOFF -> "FAILED";
      default -> state.name();
    };
  }
}
