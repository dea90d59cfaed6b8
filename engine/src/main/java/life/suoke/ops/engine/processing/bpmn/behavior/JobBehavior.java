package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.LinkedHashMap;
import java.util.Map;
import life.suoke.ops.engine.model.JobDefinition;
import life.suoke.ops.engine.processing.EngineListener;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.value.JobValue;
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
    JobValue value = newJobValue(type, retries, headers, instance, jobKind, listenerEventType);
    ctx.event(JobIntent.CREATED, ctx.state().nextKey(), value);
    listener.jobsAvailable(type);
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
  public static JobValue newJobValue(
      String type,
      int retries,
      Map<String, String> customHeaders,
      ElementInstance instance,
      String jobKind,
      String listenerEventType) {
    return new JobValue(
        type,
        "",
        retries,
        0L,
        -1L,
        -1L,
        -1L,
        "",
        "",
        headers(customHeaders),
        Map.of(),
        instance.element().id(),
        instance.key,
        instance.bpmnProcessId(),
        instance.version(),
        instance.processDefinitionKey(),
        instance.processInstanceKey,
        instance.tenantId,
        jobKind,
        listenerEventType,
        null);
  }

  /** The value of a job's records as the state holds it. */
  public static JobValue jobValue(Job job) {
    return jobValue(job, job.worker(), job.deadline(), -1L, Map.of());
  }

  /**
   * The value of a job's record as it is activated: by a worker, until a deadline (after the
   * timeout, milliseconds), with the variables fetched for it.
   */
  public static JobValue jobValue(
      Job job, String worker, long deadline, long timeout, Map<String, Object> variables) {
    return new JobValue(
        job.type,
        worker,
        job.retries(),
        0L,
        job.recurAt(),
        deadline,
        timeout,
        job.errorMessage(),
        job.errorCode(),
        headers(job.customHeaders),
        variables,
        job.elementId(),
        job.elementInstanceKey,
        job.bpmnProcessId(),
        job.processDefinitionVersion(),
        job.processDefinitionKey(),
        job.processInstanceKey,
        job.tenantId,
        job.kind(),
        job.listenerEventType(),
        null);
  }

  /** Headers are texts; a record value holds them as JSON values. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> headers(Map<String, String> headers) {
    return (Map<String, Object>) (Map<String, ?>) headers;
  }
}
