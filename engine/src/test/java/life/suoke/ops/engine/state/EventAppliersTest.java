package life.suoke.ops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.BatchOperationChunkIntent;
import life.suoke.ops.engine.record.intent.BatchOperationCreationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationExecutionIntent;
import life.suoke.ops.engine.record.intent.BatchOperationInitializationIntent;
import life.suoke.ops.engine.record.intent.BatchOperationLifecycleManagementIntent;
import life.suoke.ops.engine.record.intent.ClockIntent;
import life.suoke.ops.engine.record.intent.EscalationIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobBatchIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.MessageIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.junit.jupiter.api.Test;

/**
 * The applier table, and appliers run directly on a state built from records (no log, no
 * PostgreSQL): each event changes the domains it concerns, and a snapshot of the result reads back
 * field by field equal.
 */
class EventAppliersTest {

  private static final long PROCESS_KEY = key(1);
  private static final long INSTANCE_KEY = key(2);
  private static final long TASK_INSTANCE_KEY = key(3);
  private static final long JOB_KEY = key(4);

  private final BpmnTransformer transformer = new BpmnTransformer();
  private final EngineState state =
      new EngineState(transformer::transform, new EngineClock(() -> 0));
  private long position;

  private static long key(long counter) {
    return (((long) Record.PARTITION_ID) << 51) + counter;
  }

  @Test
  void everyEventThatChangesTheStateHasItsApplier() {
    Map<ValueType, Set<String>> expected = new LinkedHashMap<>();
    expected.put(ValueType.PROCESS, Set.of("CREATED", "DELETED"));
    expected.put(ValueType.DECISION, Set.of("CREATED", "DELETED"));
    expected.put(ValueType.DECISION_REQUIREMENTS, Set.of("CREATED", "DELETED"));
    expected.put(ValueType.FORM, Set.of("CREATED", "DELETED"));
    expected.put(
        ValueType.PROCESS_INSTANCE,
        Set.of(
            "ELEMENT_ACTIVATING",
            "ELEMENT_ACTIVATED",
            "ELEMENT_COMPLETING",
            "ELEMENT_COMPLETED",
            "ELEMENT_TERMINATING",
            "ELEMENT_TERMINATED",
            "ELEMENT_MIGRATED",
            "SEQUENCE_FLOW_TAKEN",
            "SEQUENCE_FLOW_DELETED"));
    expected.put(ValueType.PROCESS_EVENT, Set.of("TRIGGERING", "TRIGGERED"));
    expected.put(ValueType.AD_HOC_SUB_PROCESS_INSTRUCTION, Set.of("COMPLETED"));
    expected.put(ValueType.VARIABLE, Set.of("CREATED", "UPDATED"));
    expected.put(
        ValueType.JOB,
        Set.of(
            "CREATED",
            "ACTIVATED",
            "COMPLETED",
            "CANCELED",
            "FAILED",
            "TIMED_OUT",
            "RECURRED_AFTER_BACKOFF",
            "YIELDED",
            "RETRIES_UPDATED",
            "MIGRATED",
            "TIMEOUT_UPDATED",
            "ERROR_THROWN"));
    expected.put(ValueType.JOB_BATCH, Set.of("ACTIVATED"));
    expected.put(
        ValueType.USER_TASK,
        Set.of(
            "CREATING",
            "CREATED",
            "ASSIGNING",
            "CLAIMING",
            "ASSIGNED",
            "UPDATING",
            "UPDATED",
            "COMPLETING",
            "COMPLETED",
            "CANCELING",
            "CANCELED",
            "ASSIGNMENT_DENIED",
            "UPDATE_DENIED",
            "COMPLETION_DENIED",
            "CORRECTED",
            "MIGRATED"));
    expected.put(ValueType.INCIDENT, Set.of("CREATED", "MIGRATED", "RESOLVED"));
    expected.put(ValueType.TIMER, Set.of("CREATED", "MIGRATED", "TRIGGERED", "CANCELED"));
    expected.put(ValueType.MESSAGE, Set.of("PUBLISHED", "EXPIRED"));
    expected.put(
        ValueType.PROCESS_MESSAGE_SUBSCRIPTION,
        Set.of("CREATED", "CORRELATED", "MIGRATED", "DELETED"));
    expected.put(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Set.of("CORRELATED"));
    expected.put(ValueType.SIGNAL_SUBSCRIPTION, Set.of("CREATED", "MIGRATED", "DELETED"));
    expected.put(
        ValueType.COMPENSATION_SUBSCRIPTION,
        Set.of("CREATED", "TRIGGERED", "MIGRATED", "COMPLETED", "DELETED"));
    expected.put(ValueType.BATCH_OPERATION_CREATION, Set.of("CREATED"));
    expected.put(ValueType.BATCH_OPERATION_CHUNK, Set.of("CREATED"));
    expected.put(ValueType.BATCH_OPERATION_INITIALIZATION, Set.of("INITIALIZING", "INITIALIZED"));
    expected.put(ValueType.BATCH_OPERATION_EXECUTION, Set.of("EXECUTED"));
    expected.put(
        ValueType.BATCH_OPERATION_LIFECYCLE_MANAGEMENT,
        Set.of("SUSPENDED", "RESUMED", "COMPLETED", "CANCELED", "FAILED"));
    expected.put(ValueType.CLOCK, Set.of("PINNED", "RESETTED"));

    assertThat(EventAppliers.registered()).isEqualTo(expected);
  }

  @Test
  void commandsAndRejectionsChangeOnlyThePositionAndOnlyEventsTakeKeys() {
    deployAndStart();
    long commandKey = key(1_000);
    state.apply(record(RecordType.COMMAND, JobIntent.CREATED, commandKey, job("work")));
    state.apply(record(RecordType.COMMAND_REJECTION, JobIntent.CREATED, commandKey, job("work")));
    assertThat(state.lastPosition()).isEqualTo(position);
    assertThat(state.job(commandKey)).isNull();
    assertThat(state.nextKey()).isEqualTo(key(4)); // the highest event key was key(3)

    // an event without an applier
    state.apply(event(EscalationIntent.ESCALATED, key(2_000), Map.of()));
    assertThat(state.lastPosition()).isEqualTo(position);
    assertThat(state.nextKey()).isEqualTo(key(2_001));
  }

  @Test
  void aJobIsActivatableThenActivatedThenTimedOut() {
    deployAndStart();
    state.apply(event(JobIntent.CREATED, JOB_KEY, job("work")));
    Job job = state.job(JOB_KEY);
    assertThat(job.state).isEqualTo(Job.State.ACTIVATABLE);
    assertThat(state.activatableJobs("work")).containsExactly(JOB_KEY);
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).jobKey).isEqualTo(JOB_KEY);

    state.apply(event(JobIntent.ACTIVATED, JOB_KEY, Map.of("worker", "w1", "deadline", 5_000L)));
    assertThat(job.state).isEqualTo(Job.State.ACTIVATED);
    assertThat(job.worker).isEqualTo("w1");
    assertThat(state.hasActivatableJobs("work")).isFalse();
    assertThat(state.nextJobDeadline()).isEqualTo(5_000);
    assertThat(state.jobsTimedOutAt(4_999)).isEmpty();
    assertThat(state.jobsTimedOutAt(5_000)).containsExactly(JOB_KEY);

    state.apply(event(JobIntent.TIMED_OUT, JOB_KEY, Map.of()));
    assertThat(job.state).isEqualTo(Job.State.ACTIVATABLE);
    assertThat(job.worker).isEmpty();
    assertThat(job.deadline).isEqualTo(-1);
    assertThat(state.nextJobDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(state.activatableJobs("work")).containsExactly(JOB_KEY);

    // a batch activation activates each of its jobs
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("jobKeys", List.of(JOB_KEY));
    batch.put("jobs", List.of(Map.of("worker", "w2", "deadline", 7_000L)));
    state.apply(event(JobBatchIntent.ACTIVATED, key(10), batch));
    assertThat(job.state).isEqualTo(Job.State.ACTIVATED);
    assertThat(job.worker).isEqualTo("w2");
    assertThat(state.jobsTimedOutAt(7_000)).containsExactly(JOB_KEY);

    state.apply(event(JobIntent.COMPLETED, JOB_KEY, Map.of()));
    assertThat(state.job(JOB_KEY)).isNull();
    assertThat(state.nextJobDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).jobKey).isEqualTo(-1);
    assertThatSnapshotReadsBackEqual();
  }

  @Test
  void aJobWithRetriesLeftRecursAfterItsBackoff() {
    deployAndStart();
    state.apply(event(JobIntent.CREATED, JOB_KEY, job("work")));
    state.apply(
        event(
            JobIntent.FAILED,
            JOB_KEY,
            Map.of(
                "retries",
                2,
                "errorMessage",
                "busy",
                "retryBackoff",
                100L,
                "recurringTime",
                900L)));
    Job job = state.job(JOB_KEY);
    assertThat(job.state).isEqualTo(Job.State.BACKOFF);
    assertThat(state.hasActivatableJobs("work")).isFalse();
    assertThat(state.nextJobBackoff()).isEqualTo(900);
    assertThat(state.jobsRecurringAt(900)).containsExactly(JOB_KEY);
    assertThatSnapshotReadsBackEqual();

    state.apply(event(JobIntent.RECURRED_AFTER_BACKOFF, JOB_KEY, Map.of()));
    assertThat(job.state).isEqualTo(Job.State.ACTIVATABLE);
    assertThat(state.nextJobBackoff()).isEqualTo(Long.MAX_VALUE);
    assertThat(state.activatableJobs("work")).containsExactly(JOB_KEY);
  }

  @Test
  void resolvingTheIncidentOfAFailedJobWithRetriesMakesItActivatable() {
    deployAndStart();
    state.apply(event(JobIntent.CREATED, JOB_KEY, job("work")));
    state.apply(
        event(
            JobIntent.FAILED,
            JOB_KEY,
            Map.of("retries", 0, "errorMessage", "down", "retryBackoff", 0L)));
    Job job = state.job(JOB_KEY);
    assertThat(job.state).isEqualTo(Job.State.FAILED);
    assertThat(job.errorMessage).isEqualTo("down");
    assertThat(state.hasActivatableJobs("work")).isFalse();

    long incidentKey = key(11);
    Map<String, Object> incident = new LinkedHashMap<>();
    incident.put("errorType", "JOB_NO_RETRIES");
    incident.put("errorMessage", "down");
    incident.put("elementInstanceKey", TASK_INSTANCE_KEY);
    incident.put("jobKey", JOB_KEY);
    incident.put("processInstanceKey", INSTANCE_KEY);
    incident.put("processDefinitionKey", PROCESS_KEY);
    incident.put("bpmnProcessId", "p");
    incident.put("elementId", "task");
    incident.put("variableScopeKey", TASK_INSTANCE_KEY);
    incident.put("tenantId", "<default>");
    incident.put("elementInstancePath", List.of(List.of(INSTANCE_KEY, TASK_INSTANCE_KEY)));
    incident.put("processDefinitionPath", List.of(PROCESS_KEY));
    incident.put("callingElementPath", List.of());
    state.apply(event(IncidentIntent.CREATED, incidentKey, incident));
    assertThat(state.incident(incidentKey).jobKey()).isEqualTo(JOB_KEY);
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).incidentKey).isEqualTo(incidentKey);
    assertThatSnapshotReadsBackEqual();

    state.apply(event(JobIntent.RETRIES_UPDATED, JOB_KEY, Map.of("retries", 3)));
    assertThat(job.retries).isEqualTo(3);
    assertThat(job.state).isEqualTo(Job.State.FAILED);

    state.apply(event(IncidentIntent.RESOLVED, incidentKey, incident));
    assertThat(state.incident(incidentKey)).isNull();
    assertThat(state.incidents()).isEmpty();
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).incidentKey).isEqualTo(-1);
    assertThat(job.state).isEqualTo(Job.State.ACTIVATABLE);
    assertThat(state.activatableJobs("work")).containsExactly(JOB_KEY);
  }

  @Test
  void aUserTaskGoesThroughItsTransitionsAndListeners() {
    deployAndStart();
    long taskKey = key(20);
    Map<String, Object> creating = new LinkedHashMap<>();
    creating.put("elementInstanceKey", TASK_INSTANCE_KEY);
    creating.put("processInstanceKey", INSTANCE_KEY);
    creating.put("processDefinitionKey", PROCESS_KEY);
    creating.put("bpmnProcessId", "p");
    creating.put("processDefinitionVersion", 1);
    creating.put("elementId", "task");
    creating.put("elementName", "");
    creating.put("tenantId", "<default>");
    creating.put("creationTimestamp", 100L);
    creating.put("assignee", "");
    creating.put("candidateGroupsList", List.of("ops"));
    creating.put("candidateUsersList", List.of());
    creating.put("priority", 60);
    state.apply(event(UserTaskIntent.CREATING, taskKey, creating));
    UserTask task = state.userTask(taskKey);
    assertThat(task.state).isEqualTo(UserTask.State.CREATING);
    assertThat(task.transition.toJson()).containsEntry("priority", 60);
    assertThat(task.candidateGroups).containsExactly("ops");
    assertThat(task.priority).isEqualTo(60);
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).userTaskKey).isEqualTo(taskKey);

    state.apply(event(UserTaskIntent.CREATED, taskKey, creating));
    assertThat(task.state).isEqualTo(UserTask.State.CREATED);
    assertThat(task.transition).isNull();

    Map<String, Object> assigning = new LinkedHashMap<>(creating);
    assigning.put("assignee", "anna");
    state.apply(event(UserTaskIntent.ASSIGNING, taskKey, assigning));
    assertThat(task.state).isEqualTo(UserTask.State.ASSIGNING);
    assertThat(task.assignee).isEmpty();
    assertThat(task.transition.toJson()).containsEntry("assignee", "anna");

    Map<String, Object> listenerJob = job("assign-listener");
    listenerJob.put("jobKind", "TASK_LISTENER");
    listenerJob.put("jobListenerEventType", "ASSIGNING");
    state.apply(event(JobIntent.CREATED, JOB_KEY, listenerJob));
    assertThat(task.taskListenerIndex).isEqualTo(1);
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).executionListenerIndex).isZero();

    Map<String, Object> corrected = new LinkedHashMap<>(assigning);
    corrected.put("assignee", "bert");
    state.apply(event(UserTaskIntent.CORRECTED, taskKey, corrected));
    assertThat(task.transition.toJson()).containsEntry("assignee", "bert");
    assertThatSnapshotReadsBackEqual();

    state.apply(event(UserTaskIntent.ASSIGNED, taskKey, corrected));
    assertThat(task.state).isEqualTo(UserTask.State.CREATED);
    assertThat(task.assignee).isEqualTo("bert");
    assertThat(task.transition).isNull();

    state.apply(event(UserTaskIntent.COMPLETING, taskKey, corrected));
    assertThat(task.state).isEqualTo(UserTask.State.COMPLETING);
    assertThat(task.taskListenerIndex).isZero();
    state.apply(event(UserTaskIntent.COMPLETION_DENIED, taskKey, corrected));
    assertThat(task.state).isEqualTo(UserTask.State.CREATED);

    state.apply(event(UserTaskIntent.COMPLETING, taskKey, corrected));
    state.apply(event(UserTaskIntent.COMPLETED, taskKey, corrected));
    assertThat(state.userTask(taskKey)).isNull();
    assertThat(state.userTasks()).isEmpty();
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).userTaskKey).isEqualTo(-1);
  }

  @Test
  void anElementThatCompletesTakesItsVariablesAndChildrenWithIt() {
    deployAndStart();
    state.apply(
        event(
            VariableIntent.CREATED,
            key(30),
            Map.of("name", "amount", "value", "12", "scopeKey", TASK_INSTANCE_KEY)));
    state.apply(
        event(
            VariableIntent.CREATED,
            key(31),
            Map.of("name", "order", "value", "\"A-1\"", "scopeKey", INSTANCE_KEY)));
    assertThat(state.visibleVariables(TASK_INSTANCE_KEY))
        .containsEntry("amount", 12)
        .containsEntry("order", "A-1");
    ElementInstance process = state.elementInstance(INSTANCE_KEY);
    assertThat(process.activeChildren).isEqualTo(1);
    assertThat(state.children(INSTANCE_KEY))
        .extracting(e -> e.key)
        .containsExactly(TASK_INSTANCE_KEY);
    assertThat(state.hasRunningInstances(PROCESS_KEY)).isTrue();
    assertThatSnapshotReadsBackEqual();

    state.apply(
        event(ProcessInstanceIntent.ELEMENT_COMPLETED, TASK_INSTANCE_KEY, instance("task")));
    assertThat(state.elementInstance(TASK_INSTANCE_KEY)).isNull();
    assertThat(state.localVariables(TASK_INSTANCE_KEY)).isEmpty();
    assertThat(state.children(INSTANCE_KEY)).isEmpty();
    assertThat(process.activeChildren).isZero();
    assertThat(state.visibleVariables(INSTANCE_KEY)).containsOnlyKeys("order");
  }

  @Test
  void timersMessagesAndSignalsAreKeptAndReadBackFromASnapshot() {
    deployAndStart();
    Map<String, Object> timer = new LinkedHashMap<>();
    timer.put("elementInstanceKey", TASK_INSTANCE_KEY);
    timer.put("processInstanceKey", INSTANCE_KEY);
    timer.put("processDefinitionKey", PROCESS_KEY);
    timer.put("bpmnProcessId", "p");
    timer.put("targetElementId", "task");
    timer.put("dueDate", 3_000L);
    timer.put("repetitions", 1);
    timer.put("tenantId", "<default>");
    state.apply(event(TimerIntent.CREATED, key(40), timer));
    assertThat(state.timersDueAt(3_000, 10))
        .extracting(TimerInstance::key)
        .containsExactly(key(40));
    assertThat(state.timersOf(TASK_INSTANCE_KEY)).hasSize(1);

    Map<String, Object> message = new LinkedHashMap<>();
    message.put("name", "paid");
    message.put("correlationKey", "A-1");
    message.put("messageId", "m-1");
    message.put("variables", Map.of("sum", 5));
    message.put("timeToLive", 1_000L);
    message.put("deadline", 4_000L);
    message.put("tenantId", "<default>");
    state.apply(event(MessageIntent.PUBLISHED, key(41), message));
    assertThat(state.bufferedMessages("<default>", "paid", "A-1")).hasSize(1);
    assertThat(state.messageIdTaken("<default>", "paid", "A-1", "m-1")).isTrue();
    assertThat(state.nextMessageDeadline()).isEqualTo(4_000);

    Map<String, Object> subscription = new LinkedHashMap<>();
    subscription.put("elementInstanceKey", TASK_INSTANCE_KEY);
    subscription.put("processInstanceKey", INSTANCE_KEY);
    subscription.put("processDefinitionKey", PROCESS_KEY);
    subscription.put("bpmnProcessId", "p");
    subscription.put("elementId", "task");
    subscription.put("messageName", "cancel");
    subscription.put("correlationKey", "A-1");
    subscription.put("interrupting", true);
    subscription.put("tenantId", "<default>");
    state.apply(event(ProcessMessageSubscriptionIntent.CREATED, key(42), subscription));
    assertThat(state.subscriptions("<default>", "cancel", "A-1")).hasSize(1);

    Map<String, Object> signal = new LinkedHashMap<>();
    signal.put("catchEventInstanceKey", TASK_INSTANCE_KEY);
    signal.put("processInstanceKey", INSTANCE_KEY);
    signal.put("processDefinitionKey", PROCESS_KEY);
    signal.put("bpmnProcessId", "p");
    signal.put("catchEventId", "task");
    signal.put("signalName", "stop");
    signal.put("tenantId", "<default>");
    state.apply(event(SignalSubscriptionIntent.CREATED, key(43), signal));
    assertThat(state.signalSubscriptionsOf(TASK_INSTANCE_KEY)).hasSize(1);

    state.apply(event(ClockIntent.PINNED, key(44), Map.of("time", 2_500L)));
    assertThat(state.clock().getAsLong()).isEqualTo(2_500);
    assertThatSnapshotReadsBackEqual();

    state.apply(event(TimerIntent.TRIGGERED, key(40), timer));
    state.apply(event(MessageIntent.EXPIRED, key(41), message));
    state.apply(event(ProcessMessageSubscriptionIntent.DELETED, key(42), subscription));
    state.apply(event(SignalSubscriptionIntent.DELETED, key(43), signal));
    state.apply(event(ClockIntent.RESETTED, key(45), Map.of()));
    assertThat(state.timers()).isEmpty();
    assertThat(state.nextTimerDueDate()).isEqualTo(Long.MAX_VALUE);
    assertThat(state.bufferedMessages("<default>", "paid", "A-1")).isEmpty();
    assertThat(state.messageIdTaken("<default>", "paid", "A-1", "m-1")).isFalse();
    assertThat(state.subscriptionsOf(TASK_INSTANCE_KEY)).isEmpty();
    assertThat(state.signalSubscriptions("<default>", "stop")).isEmpty();
    assertThat(state.clock().isPinned()).isFalse();
    assertThatSnapshotReadsBackEqual();
  }

  @Test
  void aBatchOperationIsRunnableWhileActive() {
    long batchKey = key(50);
    Map<String, Object> named = Map.of("batchOperationKey", batchKey);
    state.apply(
        event(
            BatchOperationCreationIntent.CREATED,
            batchKey,
            Map.of("batchOperationType", "CANCEL_PROCESS_INSTANCE", "entityFilter", "{}")));
    Map<String, Object> chunk = new LinkedHashMap<>(named);
    chunk.put(
        "items",
        List.of(
            Map.of("itemKey", key(51), "processInstanceKey", key(51)),
            Map.of("itemKey", key(52), "processInstanceKey", key(52))));
    state.apply(event(BatchOperationChunkIntent.CREATED, key(53), chunk));
    BatchOperation batch = state.batchOperation(batchKey);
    assertThat(batch.state).isEqualTo(BatchOperation.State.CREATED);
    assertThat(batch.itemCount()).isEqualTo(2);
    assertThat(state.runnableBatchOperations()).isEmpty();

    state.apply(event(BatchOperationInitializationIntent.INITIALIZED, key(54), named));
    assertThat(batch.state).isEqualTo(BatchOperation.State.ACTIVE);
    assertThat(state.runnableBatchOperations()).containsExactly(batchKey);

    state.apply(event(BatchOperationLifecycleManagementIntent.SUSPENDED, key(55), named));
    assertThat(state.runnableBatchOperations()).isEmpty();
    state.apply(event(BatchOperationLifecycleManagementIntent.RESUMED, key(56), named));
    assertThat(state.runnableBatchOperations()).containsExactly(batchKey);

    Map<String, Object> executed = new LinkedHashMap<>(named);
    executed.put("itemKeys", List.of(key(51), key(52)));
    executed.put("operationsCompletedCount", 1);
    executed.put("operationsFailedCount", 1);
    state.apply(event(BatchOperationExecutionIntent.EXECUTED, key(57), executed));
    assertThat(batch.hasPendingItems()).isFalse();
    assertThatSnapshotReadsBackEqual();

    Map<String, Object> completed = new LinkedHashMap<>(named);
    completed.put("errors", List.of(Map.of("message", "one failed")));
    state.apply(event(BatchOperationLifecycleManagementIntent.COMPLETED, key(58), completed));
    assertThat(batch.state).isEqualTo(BatchOperation.State.PARTIALLY_COMPLETED);
    assertThat(batch.endTime).isEqualTo(1_000 + position);
    assertThat(state.runnableBatchOperations()).isEmpty();
    assertThatSnapshotReadsBackEqual();
  }

  @Test
  void theComparisonOfStatesLooksIntoEveryDomain() {
    deployAndStart();
    state.apply(event(JobIntent.CREATED, JOB_KEY, job("work")));
    EngineState back =
        StateSnapshot.read(
            StateSnapshot.write(state).data(), transformer::transform, new EngineClock(() -> 0));
    StateComparison.assertSame(state, back);

    back.apply(
        new Record(
            Record.PARTITION_ID,
            position, // the same position: only the job's state and indexes differ
            -1,
            JOB_KEY,
            0,
            RecordType.EVENT,
            ValueType.JOB,
            JobIntent.ACTIVATED,
            null,
            "",
            Record.BROKER_VERSION,
            complete(ValueType.JOB, Map.of("worker", "w1", "deadline", 5_000L))));
    assertThatThrownBy(() -> StateComparison.assertSame(state, back))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("state.jobs.jobs[")
        .hasMessageContaining("state.jobs.activatable")
        .hasMessageContaining("state.jobs.deadlines.entries");
  }

  // ---------------------------------------------------------------- helpers

  /** Deploys process {@code p} (a service task "task") and starts an instance waiting at it. */
  private void deployAndStart() {
    byte[] xml =
        Bpmn.convertToString(
                Bpmn.createExecutableProcess("p")
                    .startEvent("start")
                    .serviceTask("task", t -> t.zeebeJobType("work"))
                    .endEvent("end")
                    .done())
            .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("bpmnProcessId", "p");
    process.put("version", 1);
    process.put("versionTag", "");
    process.put("resourceName", "p.bpmn");
    process.put("checksum", "x");
    process.put("resource", Base64.getEncoder().encodeToString(xml));
    process.put("deploymentKey", key(0));
    process.put("tenantId", "<default>");
    state.apply(event(ProcessIntent.CREATED, PROCESS_KEY, process));
    assertThat(state.latestProcess("<default>", "p").key()).isEqualTo(PROCESS_KEY);
    assertThat(state.lastVersion("PROCESS", "<default>", "p")).isEqualTo(1);

    state.apply(event(ProcessInstanceIntent.ELEMENT_ACTIVATING, INSTANCE_KEY, instance("p")));
    state.apply(event(ProcessInstanceIntent.ELEMENT_ACTIVATED, INSTANCE_KEY, instance("p")));
    state.apply(
        event(ProcessInstanceIntent.ELEMENT_ACTIVATING, TASK_INSTANCE_KEY, instance("task")));
    state.apply(
        event(ProcessInstanceIntent.ELEMENT_ACTIVATED, TASK_INSTANCE_KEY, instance("task")));
    assertThat(state.elementInstance(TASK_INSTANCE_KEY).state)
        .isEqualTo(ElementInstance.State.ACTIVATED);
  }

  private static Map<String, Object> instance(String elementId) {
    boolean process = elementId.equals("p");
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", "p");
    value.put("elementId", elementId);
    value.put("bpmnElementType", process ? "PROCESS" : "SERVICE_TASK");
    value.put("processInstanceKey", INSTANCE_KEY);
    value.put("processDefinitionKey", PROCESS_KEY);
    value.put("flowScopeKey", process ? -1L : INSTANCE_KEY);
    value.put("tenantId", "<default>");
    return value;
  }

  private static Map<String, Object> job(String type) {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("type", type);
    value.put("retries", 3);
    value.put("customHeaders", Map.of("region", "eu"));
    value.put("elementInstanceKey", TASK_INSTANCE_KEY);
    value.put("processInstanceKey", INSTANCE_KEY);
    value.put("processDefinitionKey", PROCESS_KEY);
    value.put("bpmnProcessId", "p");
    value.put("processDefinitionVersion", 1);
    value.put("elementId", "task");
    value.put("tenantId", "<default>");
    return value;
  }

  /**
   * An event whose value is {@code value} over the fields the engine writes for its value type
   * (with the defaults of a fresh record), so that each test names only the fields it is about.
   */
  private Record event(Intent intent, long key, Map<String, Object> value) {
    return record(RecordType.EVENT, intent, key, complete(intent.valueType(), value));
  }

  private static Map<String, Object> complete(ValueType type, Map<String, Object> value) {
    Map<String, Object> base = new LinkedHashMap<>();
    switch (type) {
      case PROCESS, PROCESS_INSTANCE -> {
        base.put("bpmnProcessId", "p");
        base.put("version", 1);
        base.put("processDefinitionKey", PROCESS_KEY);
        if (type == ValueType.PROCESS) {
          base.put("duplicate", false);
        } else {
          base.put("processInstanceKey", INSTANCE_KEY);
          base.put("elementId", "");
          base.put("flowScopeKey", -1L);
          base.put("bpmnElementType", "");
          base.put("bpmnEventType", "UNSPECIFIED");
          base.put("parentProcessInstanceKey", -1L);
          base.put("parentElementInstanceKey", -1L);
        }
      }
      case JOB -> {
        base.put("type", "");
        base.put("worker", "");
        base.put("retries", 3);
        base.put("retryBackoff", 0L);
        base.put("recurringTime", -1L);
        base.put("deadline", -1L);
        base.put("timeout", -1L);
        base.put("errorMessage", "");
        base.put("errorCode", "");
        base.put("customHeaders", Map.of());
        base.put("variables", Map.of());
        base.put("elementId", "task");
        base.put("elementInstanceKey", TASK_INSTANCE_KEY);
        base.put("bpmnProcessId", "p");
        base.put("processDefinitionVersion", 1);
        base.put("processDefinitionKey", PROCESS_KEY);
        base.put("processInstanceKey", INSTANCE_KEY);
        base.put("jobKind", "BPMN_ELEMENT");
        base.put("jobListenerEventType", "UNSPECIFIED");
      }
      case JOB_BATCH -> {
        base.put("type", "work");
        base.put("worker", "");
        base.put("timeout", 0L);
        base.put("maxJobsToActivate", 1);
        base.put("tenantIds", List.of("<default>"));
        base.put("truncated", false);
        base.put("jobKeys", List.of());
        List<Map<String, Object>> jobs = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> given =
            (List<Map<String, Object>>) value.getOrDefault("jobs", List.of());
        given.forEach(job -> jobs.add(complete(ValueType.JOB, job)));
        value = new LinkedHashMap<>(value);
        value.put("jobs", jobs);
      }
      case USER_TASK -> {
        base.put("userTaskKey", -1L);
        base.put("assignee", "");
        base.put("candidateGroupsList", List.of());
        base.put("candidateUsersList", List.of());
        base.put("dueDate", "");
        base.put("followUpDate", "");
        base.put("formKey", -1L);
        base.put("changedAttributes", List.of());
        base.put("variables", Map.of());
        base.put("action", "");
        base.put("externalFormReference", "");
        base.put("elementName", "");
        base.put("creationTimestamp", -1L);
        base.put("priority", 50);
      }
      case VARIABLE -> {
        base.put("processInstanceKey", INSTANCE_KEY);
        base.put("processDefinitionKey", PROCESS_KEY);
        base.put("bpmnProcessId", "p");
      }
      case PROCESS_MESSAGE_SUBSCRIPTION -> {
        base.put("messageKey", -1L);
        base.put("variables", Map.of());
      }
      case SIGNAL_SUBSCRIPTION -> base.put("interrupting", true);
      case ESCALATION -> {
        base.put("processInstanceKey", INSTANCE_KEY);
        base.put("escalationCode", "");
        base.put("throwElementId", "");
        base.put("catchElementId", "");
      }
      case CLOCK -> base.put("time", -1L);
      case BATCH_OPERATION_CREATION -> {
        base.put("batchOperationKey", -1L);
        base.put(
            "migrationPlan",
            Map.of("targetProcessDefinitionKey", -1L, "mappingInstructions", List.of()));
        base.put("modificationPlan", Map.of("moveInstructions", List.of()));
        base.put("partitionIds", List.of(Record.PARTITION_ID));
      }
      case BATCH_OPERATION_INITIALIZATION -> {
        base.put("searchResultCursor", "");
        base.put("searchQueryPageSize", 0);
      }
      case BATCH_OPERATION_EXECUTION -> base.put("itemKeys", List.of());
      case BATCH_OPERATION_LIFECYCLE_MANAGEMENT -> base.put("errors", List.of());
      default -> {
        return value;
      }
    }
    if (!type.name().startsWith("BATCH_OPERATION")
        && type != ValueType.CLOCK
        && type != ValueType.JOB_BATCH) {
      base.put("tenantId", "<default>");
    }
    base.putAll(value);
    return base;
  }

  private Record record(RecordType recordType, Intent intent, long key, Map<String, Object> value) {
    return new Record(
        Record.PARTITION_ID,
        ++position,
        -1,
        key,
        1_000 + position,
        recordType,
        intent.valueType(),
        intent,
        recordType == RecordType.COMMAND_REJECTION ? RejectionType.INVALID_STATE : null,
        "",
        Record.BROKER_VERSION,
        value);
  }

  /** The state written as a snapshot reads back equal, field by field, and at its position. */
  private void assertThatSnapshotReadsBackEqual() {
    StateSnapshot.Image image = StateSnapshot.write(state);
    EngineState back =
        StateSnapshot.read(image.data(), transformer::transform, new EngineClock(() -> 0));
    assertThat(back.lastPosition()).isEqualTo(position);
    StateComparison.assertSame(state, back);
  }
}
