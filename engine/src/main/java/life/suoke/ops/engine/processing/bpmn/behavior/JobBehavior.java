package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.JobDefinition;
import life.suoke.ops.engine.processing.EngineListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.Job;

/**
 * The jobs of element instances: a job worker's job (its type, retries and headers evaluated in the
 * element's scope), an execution or task listener's, an ad-hoc subprocess's; created (JOB CREATED,
 * its workers told after the commit) and canceled with the element.
 */
public final class JobBehavior {

  /** The kind of the job of a BPMN element (a service task, say). */
  public static final String BPMN_ELEMENT = "BPMN_ELEMENT";

  private final ExpressionBehavior expressions;
  private final LinkedFormBehavior linkedForms;
  private final CatchEventBehavior catchEvents;
  private final EngineListener listener;

  JobBehavior(
      ExpressionBehavior expressions,
      LinkedFormBehavior linkedForms,
      CatchEventBehavior catchEvents,
      EngineListener listener) {
    this.expressions = expressions;
    this.linkedForms = linkedForms;
    this.catchEvents = catchEvents;
    this.listener = listener;
  }

  /** A job's type, retries and headers, evaluated in its element's scope. */
  public record PlannedJob(String type, int retries, Map<String, String> headers) {}

  /**
   * A job worker's element: its job is evaluated, then the element is activated with its boundary
   * events and the job created ({@code jobKind}).
   */
  public Outcome<Void> activateWithJob(
      ProcessingContext ctx, ElementInstance instance, JobDefinition definition, String jobKind) {
    Outcome<PlannedJob> job = plan(ctx, instance, definition);
    if (job.isFailure()) {
      return Outcome.failure(job.failure());
    }
    return catchEvents
        .activatedWithBoundaryEvents(ctx, instance)
        .map(
            activated -> {
              create(ctx, instance, job.value(), jobKind);
              return null;
            });
  }

  /**
   * Evaluates the job of an element (and finds the form a job-worker user task links to), in the
   * element's scope.
   */
  public Outcome<PlannedJob> plan(
      ProcessingContext ctx, ElementInstance instance, JobDefinition definition) {
    Outcome<PlannedJob> job =
        Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () ->
                new PlannedJob(
                    expressions.jobType(ctx.state(), definition.type(), instance.key),
                    definition.retries() == null
                        ? 3
                        : expressions.integer(ctx.state(), definition.retries(), instance.key),
                    expressions.jobHeaders(ctx.state(), definition, instance.key)));
    if (job.isFailure() || definition.linkedForm() == null) {
      return job;
    }
    return linkedForms
        .formKey(ctx, instance, definition.linkedForm())
        .map(
            formKey -> {
              Map<String, String> headers = new LinkedHashMap<>(job.value().headers());
              headers.put(JobDefinition.FORM_KEY_HEADER, String.valueOf(formKey));
              return new PlannedJob(job.value().type(), job.value().retries(), headers);
            });
  }

  /** Writes the CREATED record of an element's job (of a kind) and tells its workers. */
  public void create(
      ProcessingContext ctx, ElementInstance instance, PlannedJob job, String jobKind) {
    create(ctx, instance, job.type(), job.retries(), job.headers(), jobKind, "UNSPECIFIED");
  }

  /**
   * Writes the CREATED record of a job of an element instance (a listener's: {@code
   * listenerEventType}) and tells its workers after the commit.
   */
  public void create(
      ProcessingContext ctx,
      ElementInstance instance,
      String type,
      int retries,
      Map<String, String> headers,
      String jobKind,
      String listenerEventType) {
    Map<String, Object> value =
        newJobValue(type, retries, headers, instance, jobKind, listenerEventType);
    ctx.event(JobIntent.CREATED, ctx.state().nextKey(), value);
    ctx.afterCommit(() -> listener.jobsAvailable(type));
  }

  /** Cancels the open job of an element instance, if it has one. */
  public void cancel(ProcessingContext ctx, ElementInstance instance) {
    if (instance.jobKey() != -1) {
      Job job = ctx.state().job(instance.jobKey());
      if (job != null) {
        ctx.event(JobIntent.CANCELED, job.key, jobValue(job));
      }
    }
  }

  /**
   * The value of a new job's CREATED record for an element instance: a BPMN element's job, or an
   * execution or task listener's ({@code jobKind}, {@code jobListenerEventType}).
   */
  public static Map<String, Object> newJobValue(
      String type,
      int retries,
      Map<String, String> customHeaders,
      ElementInstance instance,
      String jobKind,
      String listenerEventType) {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("type", type);
    job.put("worker", "");
    job.put("retries", retries);
    job.put("retryBackoff", 0L);
    job.put("recurringTime", -1L);
    job.put("deadline", -1L);
    job.put("timeout", -1L);
    job.put("errorMessage", "");
    job.put("errorCode", "");
    job.put("customHeaders", customHeaders);
    job.put("variables", Map.of());
    job.put("elementId", instance.element().id());
    job.put("elementInstanceKey", instance.key);
    job.put("bpmnProcessId", instance.bpmnProcessId());
    job.put("processDefinitionVersion", instance.version());
    job.put("processDefinitionKey", instance.processDefinitionKey());
    job.put("processInstanceKey", instance.processInstanceKey);
    job.put("tenantId", instance.tenantId);
    job.put("jobKind", jobKind);
    job.put("jobListenerEventType", listenerEventType);
    return job;
  }

  public static Map<String, Object> jobValue(Job job) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("type", job.type);
    value.put("worker", job.worker());
    value.put("retries", job.retries());
    value.put("retryBackoff", 0L);
    value.put("recurringTime", job.recurAt());
    value.put("deadline", job.deadline());
    value.put("timeout", -1L);
    value.put("errorMessage", job.errorMessage());
    value.put("errorCode", job.errorCode());
    value.put("customHeaders", job.customHeaders);
    value.put("variables", Map.of());
    value.put("elementId", job.elementId());
    value.put("elementInstanceKey", job.elementInstanceKey);
    value.put("bpmnProcessId", job.bpmnProcessId());
    value.put("processDefinitionVersion", job.processDefinitionVersion());
    value.put("processDefinitionKey", job.processDefinitionKey());
    value.put("processInstanceKey", job.processInstanceKey);
    value.put("tenantId", job.tenantId);
    value.put("jobKind", job.kind());
    value.put("jobListenerEventType", job.listenerEventType());
    return value;
  }
}
