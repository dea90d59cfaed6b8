package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.ActivatedJobResult;
import io.camunda.client.protocol.rest.JobActivationResult;
import io.camunda.client.protocol.rest.JobKindEnum;
import io.camunda.client.protocol.rest.JobListenerEventTypeEnum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.AdHocElementActivation;
import life.suoke.ops.engine.api.EngineApi;

/** Job activation (long polling), completion, failure, errors and updates. */
final class JobEndpoints {

  /** The long-polling time when a request asks for the default (0), as the gRPC gateway uses. */
  static final Duration DEFAULT_LONG_POLLING = Duration.ofSeconds(10);

  private JobEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post("/v2/jobs/activation", "ACTIVATE", request -> activate(engine, request.json()));
    router.post(
        "/v2/jobs/{jobKey}/completion",
        "COMPLETE",
        request -> {
          long key = request.pathKey("jobKey");
          JsonBody body = request.json();
          return engine
              .completeJob(
                  key,
                  body.variables("variables"),
                  body.has("result") ? jobResult(body.object("result")) : null)
              .thenApply(v -> RestResponse.noContent());
        });
    router.post(
        "/v2/jobs/{jobKey}/failure",
        "FAIL",
        request -> {
          long key = request.pathKey("jobKey");
          JsonBody body = request.json();
          Integer retries = body.integer("retries");
          Long backoff = body.longValue("retryBackOff");
          if (backoff != null && backoff < 0) {
            throw RestProblem.invalidArgument(
                "The value for retryBackOff is '%d' but must be greater than or equal to 0.",
                backoff);
          }
          return engine
              .failJob(
                  key,
                  retries == null ? 0 : retries,
                  body.text("errorMessage"),
                  Duration.ofMillis(backoff == null ? 0 : backoff),
                  body.variables("variables"))
              .thenApply(v -> RestResponse.noContent());
        });
    router.post(
        "/v2/jobs/{jobKey}/error",
        "THROW_ERROR",
        request -> {
          long key = request.pathKey("jobKey");
          JsonBody body = request.json();
          String errorCode = body.requiredText("errorCode");
          return engine
              .throwError(key, errorCode, body.text("errorMessage"), body.variables("variables"))
              .thenApply(v -> RestResponse.noContent());
        });
    router.patch(
        "/v2/jobs/{jobKey}",
        "UPDATE",
        request -> update(engine, request.pathKey("jobKey"), request.json()));
  }

  private static CompletableFuture<RestResponse> activate(EngineApi engine, JsonBody body) {
    String type = body.requiredText("type");
    Long timeout = body.longValue("timeout");
    if (timeout == null) {
      throw RestProblem.missing("timeout");
    }
    Integer maxJobs = body.integer("maxJobsToActivate");
    if (maxJobs == null) {
      throw RestProblem.missing("maxJobsToActivate");
    }
    if (maxJobs < 1) {
      throw RestProblem.invalidArgument(
          "The value for maxJobsToActivate is '%d' but must be greater than 0.", maxJobs);
    }
    Long requestTimeout = body.longValue("requestTimeout");
    Duration longPolling =
        requestTimeout == null || requestTimeout == 0
            ? DEFAULT_LONG_POLLING
            : requestTimeout < 0 ? Duration.ZERO : Duration.ofMillis(requestTimeout);
    String worker = body.text("worker");
    List<String> fetch = body.strings("fetchVariable");
    return engine
        .activateJobs(
            type,
            worker == null ? "" : worker,
            Duration.ofMillis(timeout),
            maxJobs,
            fetch == null ? List.of() : fetch,
            longPolling)
        .thenApply(
            jobs -> {
              JobActivationResult result =
                  new JobActivationResult().jobs(new ArrayList<>(jobs.size()));
              jobs.forEach(job -> result.addJobsItem(toRest(job)));
              return RestResponse.ok(result);
            });
  }

  private static CompletableFuture<RestResponse> update(EngineApi engine, long key, JsonBody body) {
    JsonBody changeset = body.object("changeset");
    Integer retries = changeset.integer("retries");
    Long timeout = changeset.longValue("timeout");
    if (retries == null && timeout == null) {
      throw RestProblem.invalidArgument(
          "No update data provided. Provide at least one of [retries, timeout] in the \"changeset\".");
    }
    CompletableFuture<Void> updated =
        retries != null
            ? engine.updateJobRetries(key, retries)
            : CompletableFuture.completedFuture(null);
    if (timeout != null) {
      updated = updated.thenCompose(v -> engine.updateJobTimeout(key, Duration.ofMillis(timeout)));
    }
    return updated.thenApply(v -> RestResponse.noContent());
  }

  /**
   * A job's result: an ad-hoc subprocess's ({@code type} {@code adHocSubProcess}), or a user task
   * listener's (the default).
   */
  private static life.suoke.ops.engine.api.JobResult jobResult(JsonBody result) {
    return "adHocSubProcess".equals(result.text("type"))
        ? adHocSubProcessResult(result)
        : userTaskResult(result);
  }

  /**
   * An ad-hoc subprocess job's result: the elements to activate (each with its variables), or the
   * completion condition fulfilled (and whether to cancel the remaining instances).
   */
  private static life.suoke.ops.engine.api.JobResult adHocSubProcessResult(JsonBody result) {
    List<AdHocElementActivation> activations = new ArrayList<>();
    com.fasterxml.jackson.databind.JsonNode elements = result.get("activateElements");
    if (elements != null) {
      if (!elements.isArray()) {
        throw RestProblem.invalidArgument(
            "The value for activateElements is '%s' but must be an array.", elements);
      }
      for (com.fasterxml.jackson.databind.JsonNode element : elements) {
        JsonBody activation = JsonBody.of(element);
        activations.add(
            new AdHocElementActivation(
                activation.requiredText("elementId"), activation.variables("variables")));
      }
    }
    return life.suoke.ops.engine.api.JobResult.ofAdHocSubProcess(
        new life.suoke.ops.engine.api.JobResult.AdHocSubProcess(
            activations,
            Boolean.TRUE.equals(result.bool("isCompletionConditionFulfilled")),
            Boolean.TRUE.equals(result.bool("isCancelRemainingInstances"))));
  }

  /**
   * A user task listener's result: denial, or corrections by the user task record's attribute
   * names.
   */
  private static life.suoke.ops.engine.api.JobResult userTaskResult(JsonBody result) {
    java.util.Map<String, Object> corrections = new java.util.LinkedHashMap<>();
    JsonBody c = result.object("corrections");
    if (c.has("assignee")) corrections.put("assignee", nullToEmpty(c.text("assignee")));
    if (c.has("dueDate")) corrections.put("dueDate", nullToEmpty(c.text("dueDate")));
    if (c.has("followUpDate")) corrections.put("followUpDate", nullToEmpty(c.text("followUpDate")));
    if (c.has("candidateUsers"))
      corrections.put(
          "candidateUsersList",
          c.strings("candidateUsers") == null ? List.of() : c.strings("candidateUsers"));
    if (c.has("candidateGroups"))
      corrections.put(
          "candidateGroupsList",
          c.strings("candidateGroups") == null ? List.of() : c.strings("candidateGroups"));
    if (c.has("priority") && c.integer("priority") != null)
      corrections.put("priority", c.integer("priority"));
    Boolean denied = result.bool("denied");
    return new life.suoke.ops.engine.api.JobResult(
        denied != null && denied, result.text("deniedReason"), corrections);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  static ActivatedJobResult toRest(ActivatedJob job) {
    Map<String, Object> headers =
        new LinkedHashMap<>(job.customHeaders() == null ? Map.of() : job.customHeaders());
    return new ActivatedJobResult()
        .jobKey(String.valueOf(job.key()))
        .type(job.type())
        .processInstanceKey(String.valueOf(job.processInstanceKey()))
        .processDefinitionId(job.bpmnProcessId())
        .processDefinitionVersion(job.processDefinitionVersion())
        .processDefinitionKey(String.valueOf(job.processDefinitionKey()))
        .elementId(job.elementId())
        .elementInstanceKey(String.valueOf(job.elementInstanceKey()))
        .customHeaders(headers)
        .worker(job.worker())
        .retries(job.retries())
        .deadline(job.deadline())
        .variables(job.variables() == null ? Map.of() : job.variables())
        .tenantId(job.tenantId())
        .kind(JobKindEnum.fromValue(job.kind()))
        .listenerEventType(JobListenerEventTypeEnum.fromValue(job.listenerEventType()))
        .tags(new LinkedHashSet<>());
  }
}
