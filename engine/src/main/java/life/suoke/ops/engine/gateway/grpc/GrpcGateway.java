package life.suoke.ops.engine.gateway.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.*;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.api.AdHocElementActivation;
import life.suoke.ops.engine.api.DeploymentResult;
import life.suoke.ops.engine.api.EngineApi;
import life.suoke.ops.engine.api.ProcessInstanceCreated;
import life.suoke.ops.engine.api.ProcessInstanceMigration;
import life.suoke.ops.engine.api.ProcessInstanceModification;
import life.suoke.ops.engine.gateway.VariablesJson;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.Record;

/**
 * The Zeebe gateway protocol (gRPC) on top of the engine, so that the unmodified Camunda client
 * talks to it as to a Zeebe cluster of one broker with one partition.
 */
public final class GrpcGateway extends GatewayGrpc.GatewayImplBase {

  /** The gateway's default long-polling time when a client asks for the default (0). */
  static final Duration DEFAULT_LONG_POLLING = Duration.ofSeconds(10);

  private static final String DEFAULT_TENANT = "<default>";
  private static final String RUNTIME_INSTRUCTIONS =
      "CreateProcessInstance with runtimeInstructions";

  private final EngineApi engine;
  private final String host;
  private final java.util.function.IntSupplier port;

  /**
   * @param port the port the topology reports: the one the server bound, known once it started
   */
  public GrpcGateway(EngineApi engine, String host, java.util.function.IntSupplier port) {
    this.engine = engine;
    this.host = host;
    this.port = port;
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    Partition partition =
        Partition.newBuilder()
            .setPartitionId(Record.PARTITION_ID)
            .setRole(Partition.PartitionBrokerRole.LEADER)
            .setHealth(Partition.PartitionBrokerHealth.HEALTHY)
            .build();
    BrokerInfo broker =
        BrokerInfo.newBuilder()
            .setNodeId(0)
            .setHost(host)
            .setPort(port.getAsInt())
            .addPartitions(partition)
            .setVersion(Record.BROKER_VERSION)
            .build();
    observer.onNext(
        TopologyResponse.newBuilder()
            .addBrokers(broker)
            .setClusterSize(1)
            .setPartitionsCount(1)
            .setReplicationFactor(1)
            .setGatewayVersion(Record.BROKER_VERSION)
            .build());
    observer.onCompleted();
  }

  @Override
  public void deployResource(
      DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    List<EngineApi.Resource> resources = new ArrayList<>();
    request
        .getResourcesList()
        .forEach(
            r -> resources.add(new EngineApi.Resource(r.getName(), r.getContent().toByteArray())));
    answer(
        "CREATE",
        observer,
        () -> engine.deploy(resources, tenant(request.getTenantId())),
        GrpcGateway::deployed);
  }

  private static DeployResourceResponse deployed(DeploymentResult result) {
    DeployResourceResponse.Builder response =
        DeployResourceResponse.newBuilder().setKey(result.key()).setTenantId(result.tenantId());
    for (DeploymentResult.Process p : result.processes()) {
      response.addDeployments(
          Deployment.newBuilder()
              .setProcess(
                  ProcessMetadata.newBuilder()
                      .setBpmnProcessId(p.bpmnProcessId())
                      .setVersion(p.version())
                      .setProcessDefinitionKey(p.processDefinitionKey())
                      .setResourceName(p.resourceName())
                      .setTenantId(p.tenantId())));
    }
    for (DeploymentResult.Resource r : result.resources()) {
      if ("FORM".equals(r.kind())) {
        response.addDeployments(
            Deployment.newBuilder()
                .setForm(
                    FormMetadata.newBuilder()
                        .setFormId(r.resourceId())
                        .setVersion(r.version())
                        .setFormKey(r.key())
                        .setResourceName(r.resourceName())
                        .setTenantId(r.tenantId())));
      } else if ("DECISION_REQUIREMENTS".equals(r.kind())) {
        response.addDeployments(
            Deployment.newBuilder()
                .setDecisionRequirements(
                    DecisionRequirementsMetadata.newBuilder()
                        .setDmnDecisionRequirementsId(r.resourceId())
                        .setDmnDecisionRequirementsName(r.name())
                        .setVersion(r.version())
                        .setDecisionRequirementsKey(r.key())
                        .setResourceName(r.resourceName())
                        .setTenantId(r.tenantId())));
      } else {
        response.addDeployments(
            Deployment.newBuilder()
                .setDecision(
                    DecisionMetadata.newBuilder()
                        .setDmnDecisionId(r.resourceId())
                        .setDmnDecisionName(r.name())
                        .setVersion(r.version())
                        .setDecisionKey(r.key())
                        .setDmnDecisionRequirementsId(r.decisionRequirementsId())
                        .setDecisionRequirementsKey(r.decisionRequirementsKey())
                        .setTenantId(r.tenantId())));
      }
    }
    return response.build();
  }

  /**
   * The operation reference is not kept: records have no field for it here (see the README's known
   * differences).
   */
  @Override
  public void deleteResource(
      DeleteResourceRequest request, StreamObserver<DeleteResourceResponse> observer) {
    answer(
        "DELETE",
        observer,
        () -> engine.deleteResource(request.getResourceKey()),
        v -> DeleteResourceResponse.getDefaultInstance());
  }

  @Override
  public void createProcessInstance(
      CreateProcessInstanceRequest request,
      StreamObserver<CreateProcessInstanceResponse> observer) {
    if (request.getRuntimeInstructionsCount() > 0) {
      unimplemented(RUNTIME_INSTRUCTIONS, observer);
      return;
    }
    answer(
        "CREATE",
        observer,
        () ->
            engine.createProcessInstance(
                request.getProcessDefinitionKey(),
                request.getBpmnProcessId(),
                request.getVersion(),
                VariablesJson.parse("variables", request.getVariables()),
                tenant(request.getTenantId()),
                startInstructions(request)),
        c ->
            CreateProcessInstanceResponse.newBuilder()
                .setProcessDefinitionKey(c.processDefinitionKey())
                .setBpmnProcessId(c.bpmnProcessId())
                .setVersion(c.version())
                .setProcessInstanceKey(c.processInstanceKey())
                .setTenantId(c.tenantId())
                .build());
  }

  @Override
  public void createProcessInstanceWithResult(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    CreateProcessInstanceRequest create = request.getRequest();
    if (create.getRuntimeInstructionsCount() > 0) {
      unimplemented(RUNTIME_INSTRUCTIONS, observer);
      return;
    }
    Duration timeout =
        request.getRequestTimeout() > 0
            ? Duration.ofMillis(request.getRequestTimeout())
            : DEFAULT_LONG_POLLING;
    answer(
        "CREATE_WITH_AWAITING_RESULT",
        observer,
        () ->
            engine.createProcessInstanceWithResult(
                create.getProcessDefinitionKey(),
                create.getBpmnProcessId(),
                create.getVersion(),
                VariablesJson.parse("variables", create.getVariables()),
                tenant(create.getTenantId()),
                startInstructions(create),
                request.getFetchVariablesList(),
                timeout),
        (ProcessInstanceCreated c) ->
            CreateProcessInstanceWithResultResponse.newBuilder()
                .setProcessDefinitionKey(c.processDefinitionKey())
                .setBpmnProcessId(c.bpmnProcessId())
                .setVersion(c.version())
                .setProcessInstanceKey(c.processInstanceKey())
                .setTenantId(c.tenantId())
                .setVariables(VariablesJson.write(c.variables()))
                .build());
  }

  private static List<String> startInstructions(CreateProcessInstanceRequest request) {
    return request.getStartInstructionsList().stream()
        .map(ProcessInstanceCreationStartInstruction::getElementId)
        .toList();
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request,
      StreamObserver<CancelProcessInstanceResponse> observer) {
    answer(
        "CANCEL",
        observer,
        () -> engine.cancelProcessInstance(request.getProcessInstanceKey()),
        v -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void activateJobs(
      ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    Duration requestTimeout =
        request.getRequestTimeout() == 0
            ? DEFAULT_LONG_POLLING
            : request.getRequestTimeout() < 0
                ? Duration.ZERO
                : Duration.ofMillis(request.getRequestTimeout());
    answer(
        "ACTIVATE",
        observer,
        () ->
            engine.activateJobs(
                request.getType(),
                request.getWorker(),
                Duration.ofMillis(request.getTimeout()),
                request.getMaxJobsToActivate(),
                request.getFetchVariableList(),
                requestTimeout),
        jobs -> {
          ActivateJobsResponse.Builder response = ActivateJobsResponse.newBuilder();
          jobs.forEach(job -> response.addJobs(toProto(job)));
          return response.build();
        });
  }

  @Override
  public void streamActivatedJobs(
      StreamActivatedJobsRequest request,
      StreamObserver<io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob> observer) {
    ServerCallStreamObserver<io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob>
        stream =
            (ServerCallStreamObserver<
                    io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob>)
                observer;
    Object lock = new Object();
    AutoCloseable handle =
        engine.streamJobs(
            request.getType(),
            request.getWorker(),
            Duration.ofMillis(request.getTimeout()),
            request.getFetchVariableList(),
            job -> {
              synchronized (lock) {
                if (stream.isCancelled()) {
                  throw new IllegalStateException("stream cancelled");
                }
                stream.onNext(toProto(job));
              }
            });
    stream.setOnCancelHandler(
        () -> {
          try {
            handle.close();
          } catch (Exception ignored) {
            // closing a stream cannot fail
          }
        });
  }

  private static io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob toProto(
      ActivatedJob job) {
    return io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob.newBuilder()
        .setKey(job.key())
        .setType(job.type())
        .setProcessInstanceKey(job.processInstanceKey())
        .setBpmnProcessId(job.bpmnProcessId())
        .setProcessDefinitionVersion(job.processDefinitionVersion())
        .setProcessDefinitionKey(job.processDefinitionKey())
        .setElementId(job.elementId())
        .setElementInstanceKey(job.elementInstanceKey())
        .setCustomHeaders(VariablesJson.write(job.customHeaders()))
        .setWorker(job.worker())
        .setRetries(job.retries())
        .setDeadline(job.deadline())
        .setVariables(VariablesJson.write(job.variables()))
        .setTenantId(job.tenantId())
        .setKind(
            io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob.JobKind.valueOf(
                job.kind()))
        .setListenerEventType(
            io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob.ListenerEventType
                .valueOf(job.listenerEventType()))
        .build();
  }

  /**
   * A job's result: an ad-hoc subprocess's ({@code type} {@code adHocSubProcess}), or a user task
   * listener's (the default).
   */
  private static life.suoke.ops.engine.api.JobResult jobResult(JobResult result) {
    return "adHocSubProcess".equals(result.getType())
        ? adHocSubProcessResult(result)
        : userTaskResult(result);
  }

  /**
   * An ad-hoc subprocess job's result: the elements to activate (each with its variables), or the
   * completion condition fulfilled (and whether to cancel the remaining instances).
   */
  private static life.suoke.ops.engine.api.JobResult adHocSubProcessResult(JobResult result) {
    List<AdHocElementActivation> activations =
        result.getActivateElementsList().stream()
            .map(
                element ->
                    new AdHocElementActivation(
                        element.getElementId(),
                        VariablesJson.parse("variables", element.getVariables())))
            .toList();
    return life.suoke.ops.engine.api.JobResult.ofAdHocSubProcess(
        new life.suoke.ops.engine.api.JobResult.AdHocSubProcess(
            activations,
            result.getIsCompletionConditionFulfilled(),
            result.getIsCancelRemainingInstances()));
  }

  /**
   * A user task listener's result: denial, or corrections by the user task record's attribute
   * names.
   */
  private static life.suoke.ops.engine.api.JobResult userTaskResult(JobResult result) {
    java.util.Map<String, Object> corrections = new java.util.LinkedHashMap<>();
    if (result.hasCorrections()) {
      JobResultCorrections c = result.getCorrections();
      if (c.hasAssignee()) corrections.put("assignee", c.getAssignee());
      if (c.hasDueDate()) corrections.put("dueDate", c.getDueDate());
      if (c.hasFollowUpDate()) corrections.put("followUpDate", c.getFollowUpDate());
      if (c.hasCandidateUsers())
        corrections.put("candidateUsersList", List.copyOf(c.getCandidateUsers().getValuesList()));
      if (c.hasCandidateGroups())
        corrections.put("candidateGroupsList", List.copyOf(c.getCandidateGroups().getValuesList()));
      if (c.hasPriority()) corrections.put("priority", c.getPriority());
    }
    return new life.suoke.ops.engine.api.JobResult(
        result.getDenied(), result.getDeniedReason(), corrections);
  }

  @Override
  public void completeJob(
      CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    answer(
        "COMPLETE",
        observer,
        () ->
            engine.completeJob(
                request.getJobKey(),
                VariablesJson.parse("variables", request.getVariables()),
                request.hasResult() ? jobResult(request.getResult()) : null),
        v -> CompleteJobResponse.getDefaultInstance());
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    answer(
        "FAIL",
        observer,
        () ->
            engine.failJob(
                request.getJobKey(),
                request.getRetries(),
                request.getErrorMessage(),
                Duration.ofMillis(request.getRetryBackOff()),
                VariablesJson.parse("variables", request.getVariables())),
        v -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    answer(
        "THROW_ERROR",
        observer,
        () ->
            engine.throwError(
                request.getJobKey(),
                request.getErrorCode(),
                request.getErrorMessage(),
                VariablesJson.parse("variables", request.getVariables())),
        v -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(
      UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    answer(
        "UPDATE_RETRIES",
        observer,
        () -> engine.updateJobRetries(request.getJobKey(), request.getRetries()),
        v -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(
      UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    answer(
        "UPDATE_TIMEOUT",
        observer,
        () -> engine.updateJobTimeout(request.getJobKey(), Duration.ofMillis(request.getTimeout())),
        v -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(
      SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    answer(
        "UPDATE",
        observer,
        () ->
            engine.setVariables(
                request.getElementInstanceKey(),
                VariablesJson.parse("variables", request.getVariables()),
                request.getLocal()),
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void resolveIncident(
      ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    answer(
        "RESOLVE",
        observer,
        () -> engine.resolveIncident(request.getIncidentKey()),
        v -> ResolveIncidentResponse.getDefaultInstance());
  }

  @Override
  public void publishMessage(
      PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    String tenantId = tenant(request.getTenantId());
    answer(
        "PUBLISH",
        observer,
        () -> {
          requireNonBlank("name", request.getName());
          if (request.getTimeToLive() < 0) {
            throw Rejection.invalidArgument(
                "The value for timeToLive is '%d' but must be greater than or equal to 0.",
                request.getTimeToLive());
          }
          return engine.publishMessage(
              request.getName(),
              request.getCorrelationKey(),
              Duration.ofMillis(request.getTimeToLive()),
              request.getMessageId(),
              VariablesJson.parse("variables", request.getVariables()),
              tenantId);
        },
        key -> PublishMessageResponse.newBuilder().setKey(key).setTenantId(tenantId).build());
  }

  @Override
  public void broadcastSignal(
      BroadcastSignalRequest request, StreamObserver<BroadcastSignalResponse> observer) {
    String tenantId = tenant(request.getTenantId());
    answer(
        "BROADCAST",
        observer,
        () -> {
          requireNonBlank("signalName", request.getSignalName());
          return engine.broadcastSignal(
              request.getSignalName(),
              VariablesJson.parse("variables", request.getVariables()),
              tenantId);
        },
        key -> BroadcastSignalResponse.newBuilder().setKey(key).setTenantId(tenantId).build());
  }

  @Override
  public void modifyProcessInstance(
      ModifyProcessInstanceRequest request,
      StreamObserver<ModifyProcessInstanceResponse> observer) {
    answer(
        "MODIFY",
        observer,
        () -> engine.modifyProcessInstance(request.getProcessInstanceKey(), modification(request)),
        v -> ModifyProcessInstanceResponse.getDefaultInstance());
  }

  private static ProcessInstanceModification modification(ModifyProcessInstanceRequest request) {
    List<ProcessInstanceModification.ActivateInstruction> activate = new ArrayList<>();
    for (ModifyProcessInstanceRequest.ActivateInstruction instruction :
        request.getActivateInstructionsList()) {
      List<ProcessInstanceModification.VariableInstruction> variables = new ArrayList<>();
      for (ModifyProcessInstanceRequest.VariableInstruction variable :
          instruction.getVariableInstructionsList()) {
        variables.add(
            new ProcessInstanceModification.VariableInstruction(
                variable.getScopeId(), VariablesJson.parse("variables", variable.getVariables())));
      }
      activate.add(
          new ProcessInstanceModification.ActivateInstruction(
              instruction.getElementId(), instruction.getAncestorElementInstanceKey(), variables));
    }
    List<Long> terminate = new ArrayList<>();
    request.getTerminateInstructionsList().forEach(t -> terminate.add(t.getElementInstanceKey()));
    return new ProcessInstanceModification(activate, terminate);
  }

  @Override
  public void evaluateDecision(
      EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    answer(
        "EVALUATE",
        observer,
        () ->
            engine.evaluateDecision(
                request.getDecisionKey(),
                request.getDecisionId(),
                VariablesJson.parse("variables", request.getVariables()),
                tenant(request.getTenantId())),
        DecisionResponses::toProto);
  }

  @Override
  public void migrateProcessInstance(
      MigrateProcessInstanceRequest request,
      StreamObserver<MigrateProcessInstanceResponse> observer) {
    MigrateProcessInstanceRequest.MigrationPlan plan = request.getMigrationPlan();
    List<ProcessInstanceMigration.MappingInstruction> instructions = new ArrayList<>();
    plan.getMappingInstructionsList()
        .forEach(
            instruction ->
                instructions.add(
                    new ProcessInstanceMigration.MappingInstruction(
                        instruction.getSourceElementId(), instruction.getTargetElementId())));
    answer(
        "MIGRATE",
        observer,
        () ->
            engine.migrateProcessInstance(
                request.getProcessInstanceKey(),
                new ProcessInstanceMigration(plan.getTargetProcessDefinitionKey(), instructions)),
        v -> MigrateProcessInstanceResponse.getDefaultInstance());
  }

  // ----------------------------------------------------------------- not yet implemented

  @Override
  public void deployProcess(
      DeployProcessRequest request, StreamObserver<DeployProcessResponse> observer) {
    unimplemented("DeployProcess (deprecated; use DeployResource)", observer);
  }

  private static void unimplemented(String call, StreamObserver<?> observer) {
    observer.onError(
        Status.UNIMPLEMENTED
            .withDescription(
                call
                    + " is not implemented by this engine yet; see the engine README for the supported calls")
            .asRuntimeException());
  }

  // ----------------------------------------------------------------- plumbing

  private interface Call<T> {
    CompletableFuture<T> start();
  }

  private static <T, R> void answer(
      String intent, StreamObserver<R> observer, Call<T> call, Function<T, R> toResponse) {
    CompletableFuture<T> future;
    try {
      future = call.start();
    } catch (RuntimeException e) {
      observer.onError(toStatus(intent, e));
      return;
    }
    future.whenComplete(
        (result, failure) -> {
          if (failure != null) {
            observer.onError(toStatus(intent, failure));
            return;
          }
          R response;
          try {
            response = toResponse.apply(result);
          } catch (RuntimeException e) {
            observer.onError(toStatus(intent, e));
            return;
          }
          observer.onNext(response);
          observer.onCompleted();
        });
  }

  static StatusRuntimeException toStatus(String intent, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof Rejection rejection) {
      Status status =
          switch (rejection.type()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case INVALID_STATE -> Status.FAILED_PRECONDITION;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case UNAUTHORIZED -> Status.UNAUTHENTICATED;
            case FORBIDDEN -> Status.PERMISSION_DENIED;
            default -> Status.INTERNAL;
          };
      return status
          .withDescription(
              String.format(
                  "Command '%s' rejected with code '%s': %s",
                  intent, rejection.type(), rejection.getMessage()))
          .asRuntimeException();
    }
    if (cause instanceof TimeoutException) {
      return Status.DEADLINE_EXCEEDED
          .withDescription(
              "Time out between gateway and broker: Request timed out after the request timeout")
          .asRuntimeException();
    }
    return Status.INTERNAL
        .withDescription("Unexpected error: " + cause.getMessage())
        .withCause(cause)
        .asRuntimeException();
  }

  /** A required string field; blank is refused naming the field, in the REST gateway's wording. */
  private static void requireNonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw Rejection.invalidArgument("No %s provided.", field);
    }
  }

  private static String tenant(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? DEFAULT_TENANT : tenantId;
  }
}
