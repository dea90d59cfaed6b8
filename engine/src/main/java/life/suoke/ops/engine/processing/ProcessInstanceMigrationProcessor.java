package life.suoke.ops.engine.processing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import life.suoke.ops.engine.api.ProcessInstanceMigration;
import life.suoke.ops.engine.api.ProcessInstanceMigration.MappingInstruction;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.model.BpmnEventType;
import life.suoke.ops.engine.model.ExecutableActivity;
import life.suoke.ops.engine.model.ExecutableBoundaryEvent;
import life.suoke.ops.engine.model.ExecutableCatchEvent;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableEventBasedGateway;
import life.suoke.ops.engine.model.ExecutableMultiInstanceBody;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.model.ExecutableReceiveTask;
import life.suoke.ops.engine.model.ExecutableUserTask;
import life.suoke.ops.engine.model.SequenceFlow;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.ElementTreePath;
import life.suoke.ops.engine.processing.bpmn.behavior.ElementValues;
import life.suoke.ops.engine.processing.bpmn.behavior.EventSubprocessBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.ExpressionFailure;
import life.suoke.ops.engine.processing.bpmn.behavior.JobBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.MessageBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.SignalBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.TimerBehavior;
import life.suoke.ops.engine.processing.bpmn.behavior.UserTaskBehavior;
import life.suoke.ops.engine.record.intent.CompensationSubscriptionIntent;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceMigrationIntent;
import life.suoke.ops.engine.record.intent.ProcessMessageSubscriptionIntent;
import life.suoke.ops.engine.record.intent.SignalSubscriptionIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;
import life.suoke.ops.engine.record.value.IncidentValue;
import life.suoke.ops.engine.record.value.JobValue;
import life.suoke.ops.engine.record.value.ProcessInstanceMigrationValue;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;
import life.suoke.ops.engine.record.value.ProcessMessageSubscriptionValue;
import life.suoke.ops.engine.record.value.SignalSubscriptionValue;
import life.suoke.ops.engine.record.value.TimerValue;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.record.value.VariableValue;
import life.suoke.ops.engine.state.CompensationSubscription;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.Incident;
import life.suoke.ops.engine.state.Job;
import life.suoke.ops.engine.state.MessageSubscription;
import life.suoke.ops.engine.state.ProcessDefinition;
import life.suoke.ops.engine.state.SignalSubscription;
import life.suoke.ops.engine.state.TimerInstance;
import life.suoke.ops.engine.state.UserTask;
import life.suoke.ops.engine.state.Variable;

/**
 * Process instance migration (Zeebe's PROCESS_INSTANCE_MIGRATION MIGRATE command) with Zeebe 8.8's
 * rules: every active element instance is moved, with its key, state, variables, job, user task,
 * incident and event subscriptions, to the element its mapping instruction names in the target
 * process definition; the process instance follows to the target's key, id and version.
 *
 * <p>All or nothing: the element instances are checked breadth first, from the process instance
 * down, in Zeebe's order of checks, and every rejection (including a catch event of the target
 * whose expression cannot be evaluated) is found before the first record is written.
 *
 * <p>Records, per element instance in that order: ELEMENT_MIGRATED; for tokens waiting at a joining
 * gateway, SEQUENCE_FLOW_DELETED and SEQUENCE_FLOW_TAKEN; JOB MIGRATED (the job keeps its type);
 * INCIDENT MIGRATED; USER_TASK MIGRATED; VARIABLE MIGRATED for its local variables; then its catch
 * events: subscriptions of unmapped catch events closed, the target's unmapped catch events
 * subscribed to, mapped ones MIGRATED (a timer keeps its due date). The process instance's
 * compensation subscriptions of mapped activities are MIGRATED, the others DELETED. Last,
 * PROCESS_INSTANCE_MIGRATION MIGRATED.
 */
final class ProcessInstanceMigrationProcessor {

  /** The element types Zeebe 8.8 migrates while they are active. */
  private static final Set<BpmnElementType> SUPPORTED =
      EnumSet.of(
          BpmnElementType.PROCESS,
          BpmnElementType.SERVICE_TASK,
          BpmnElementType.USER_TASK,
          BpmnElementType.SUB_PROCESS,
          BpmnElementType.CALL_ACTIVITY,
          BpmnElementType.INTERMEDIATE_CATCH_EVENT,
          BpmnElementType.RECEIVE_TASK,
          BpmnElementType.EVENT_SUB_PROCESS,
          BpmnElementType.EXCLUSIVE_GATEWAY,
          BpmnElementType.EVENT_BASED_GATEWAY,
          BpmnElementType.BUSINESS_RULE_TASK,
          BpmnElementType.SCRIPT_TASK,
          BpmnElementType.SEND_TASK,
          BpmnElementType.MULTI_INSTANCE_BODY);

  private static final Set<BpmnEventType> SUPPORTED_CATCH_EVENTS =
      EnumSet.of(BpmnEventType.MESSAGE, BpmnEventType.TIMER, BpmnEventType.SIGNAL);
  private static final String ZEEBE_USER_TASK = "zeebe user task";
  private static final String JOB_WORKER = "job worker";

  private static final String PROCESS_INSTANCE_NOT_FOUND =
      "Expected to migrate process instance but no process instance found with key '%d'";
  private static final String DEFINITION_NOT_FOUND =
      "Expected to migrate process instance to process definition but no process definition found with key '%d'";
  private static final String START_EVENT_INSTANCE_EXISTS =
      "Expected to migrate process instance '%d' but target process definition '%d' has an active instance triggered by"
          + " a message start event with correlation key '%s'. Only one instance per correlation key is allowed for"
          + " message start events.";
  private static final String DUPLICATE_SOURCE_IDS =
      "Expected to migrate process instance '%d' but the mapping instructions contain duplicate source element ids '%s'.";
  private static final String SOURCE_NOT_FOUND =
      "Expected to migrate process instance '%d' but mapping instructions contain a non-existing source element id '%s'."
          + " Elements provided in mapping instructions must exist in the source process definition.";
  private static final String TARGET_NOT_FOUND =
      "Expected to migrate process instance '%d' but mapping instructions contain a non-existing target element id '%s'."
          + " Elements provided in mapping instructions must exist in the target process definition.";
  private static final String UNSUPPORTED_TYPE =
      "Expected to migrate process instance '%d' but active element with id '%s' has an unsupported type."
          + " The migration of a %s is not supported.";
  private static final String UNSUPPORTED_CATCH_EVENT =
      "Expected to migrate process instance '%d' but active element with id '%s' is intermediate catch event of type"
          + " '%s'. Migrating active intermediate catch event of this type is not possible yet.";
  private static final String ATTACHED_TO_EVENT_BASED_GATEWAY =
      "Expected to migrate process instance '%d' but active element with id '%s' is an intermediate catch event"
          + " attached to an event-based gateway. Migrating active events attached to an event-based gateway is not"
          + " possible yet.";
  private static final String UNMAPPED =
      "Expected to migrate process instance '%d' but no mapping instruction defined for active element with id '%s'."
          + " Elements cannot be migrated without a mapping.";
  private static final String TYPE_CHANGED =
      "Expected to migrate process instance '%d' but active element with id '%s' and type '%s' is mapped to an element"
          + " with id '%s' and different type '%s'. Elements must be mapped to elements of the same type.";
  private static final String USER_TASK_IMPLEMENTATION_CHANGED =
      "Expected to migrate process instance '%d' but active user task with id '%s' and implementation '%s' is mapped to"
          + " an user task with id '%s' and different implementation '%s'. Elements must be mapped to elements of the"
          + " same implementation.";
  private static final String FLOW_SCOPE_CHANGED =
      "Expected to migrate process instance '%d' but the flow scope of active element with id '%s' is changed."
          + " The flow scope of the active element is expected to be '%s' but was '%s'. The flow scope of an element"
          + " cannot be changed during migration yet.";
  private static final String CATCH_EVENT_DETACHED =
      "Expected to migrate process instance '%d' but active element with id '%s' is mapped to an element with id '%s'"
          + " and has a catch event with id '%s' that is mapped to a catch event with id '%s'. These mappings detach"
          + " the catch event from the element in the target process. Catch events must stay attached to the same"
          + " element instance.";
  private static final String CATCH_EVENTS_MERGED =
      "Expected to migrate process instance '%d' but active element with id '%s' has a catch event attached that is"
          + " mapped to a catch event with id '%s'. There are multiple mapping instructions that target this catch"
          + " event: '%s'. Catch events cannot be merged by process instance migration. Please ensure the mapping"
          + " instructions target a catch event only once.";
  private static final String CATCH_EVENT_TYPE_CHANGED =
      "Expected to migrate process instance '%d' but active element with id '%s' has a catch event with id '%s' that"
          + " is mapped to a catch event with id '%s'. These catch events have different event types: '%s' and '%s'."
          + " The event type of a catch event cannot be changed by process instance migration. Please ensure the event"
          + " type of the catch event remains the same or remove the mapping instruction for these catch events.";
  private static final String LOOP_CHARACTERISTICS_CHANGED =
      "Expected to migrate process instance '%d' but active element with id '%s' has a different loop characteristics"
          + " than the target element with id '%s'. Both elements must have either sequential or parallel loop"
          + " characteristics.";
  private static final String CONCURRENT_COMMAND =
      "Expected to migrate process instance '%d' but a concurrent command was executed on the process instance."
          + " Please retry the migration.";
  private static final String SUBSCRIPTION_FAILED =
      "Expected to migrate process instance '%d' but active element with id '%s' is mapped to element with id '%s'"
          + " that must be subscribed to a catch event. %s";
  private static final String ALREADY_SUBSCRIBED =
      "Expected to migrate process instance '%d' but active element with id '%s' attempts to subscribe to a message it"
          + " is already subscribed to with name '%s'. Migrating active elements that subscribe to a message they are"
          + " already subscribed to is not possible yet. Please provide a mapping instruction to message catch event"
          + " with id '%s' to migrate the respective message subscription.";
  private static final String GATEWAY_UNMAPPED =
      "Expected to migrate process instance '%d' but no mapping instruction defined for the joining gateway with id"
          + " '%s', which has taken incoming sequence flows. Such gateways cannot be migrated without a mapping.";
  private static final String GATEWAY_TYPE_CHANGED =
      "Expected to migrate process instance '%d' but the joining gateway with id '%s' and type '%s' is mapped to an"
          + " element with id '%s' and different type '%s'. Gateways must be mapped to gateways of the same type.";
  private static final String GATEWAY_FEWER_INCOMING =
      "Expected to migrate process instance '%d' but the joining gateway with id '%s' is mapped to gateway '%s' with"
          + " fewer incoming sequence flows (%d instead of %d). The target gateway must have at least as many incoming"
          + " sequence flows.";
  private static final String FLOW_UNMAPPED =
      "Expected to migrate process instance '%d' but no mapping instruction defined for the taken sequence flow with id"
          + " '%s' of the joining gateway with id '%s'. Taken sequence flows must be mapped to incoming sequence flows"
          + " of the target gateway '%s'.";
  private static final String FLOWS_MERGED =
      "Expected to migrate process instance '%d' but the taken sequence flows '%s' are mapped to the same sequence flow"
          + " '%s'. Taken sequence flows cannot be merged by process instance migration.";

  private final BpmnBehaviors bpmn;

  ProcessInstanceMigrationProcessor(BpmnBehaviors bpmn) {
    this.bpmn = bpmn;
  }

  /** The MIGRATE command's record value, as the gateways received it. */
  static Map<String, Object> commandValue(
      long processInstanceKey, ProcessInstanceMigration plan, String tenantId) {
    return recordValue(processInstanceKey, plan, tenantId).toJson();
  }

  /** The MIGRATE command's and the MIGRATED event's value. */
  private static ProcessInstanceMigrationValue recordValue(
      long processInstanceKey, ProcessInstanceMigration plan, String tenantId) {
    List<Object> instructions = new ArrayList<>();
    for (MappingInstruction instruction : plan.mappingInstructions()) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("sourceElementId", instruction.sourceElementId());
      value.put("targetElementId", instruction.targetElementId());
      instructions.add(value);
    }
    return new ProcessInstanceMigrationValue(
        processInstanceKey, plan.targetProcessDefinitionKey(), instructions, tenantId);
  }

  /** Migrates the process instance, or throws the rejection without having written anything. */
  void migrate(ProcessingContext ctx, long processInstanceKey, ProcessInstanceMigration plan) {
    Migration migration = new Migration(ctx, processInstanceKey, plan);
    migration.validate();
    migration.apply();
  }

  // ------------------------------------------------------------------ the plan

  /** Tokens waiting on a taken flow of a joining gateway, moved to the target's flow. */
  private record FlowMove(String sourceFlowId, String targetFlowId, int tokens) {}

  /** What happens to one element instance. */
  private static final class Step {
    final ElementInstance instance;
    final String targetId;

    /**
     * The target element the instance becomes (the inner activity for an inner instance of a
     * multi-instance body).
     */
    final ExecutableElement target;

    final long sourceDefinitionKey;
    final String sourceProcessId;
    final int sourceVersion;
    final List<FlowMove> flows = new ArrayList<>();
    final List<TimerInstance> timersToClose = new ArrayList<>();
    final List<TimerInstance> timersToMigrate = new ArrayList<>();
    final List<MessageSubscription> messagesToMigrate = new ArrayList<>();
    final List<SignalSubscription> signalsToMigrate = new ArrayList<>();
    final List<TimerBehavior.PlannedTimer> newTimers = new ArrayList<>();
    final List<MessageBehavior.PlannedSubscription> newMessages = new ArrayList<>();
    final List<SignalBehavior.PlannedSubscription> newSignals = new ArrayList<>();

    Step(ElementInstance instance, String targetId, ExecutableElement target) {
      this.instance = instance;
      this.targetId = targetId;
      this.target = target;
      this.sourceDefinitionKey = instance.processDefinitionKey();
      this.sourceProcessId = instance.bpmnProcessId();
      this.sourceVersion = instance.version();
    }
  }

  private final class Migration {
    final ProcessingContext ctx;
    final EngineState state;
    final long processInstanceKey;
    final ProcessInstanceMigration plan;
    final Map<String, String> mapping = new LinkedHashMap<>();
    final List<Step> steps = new ArrayList<>();
    ElementInstance processInstance;
    ExecutableProcess source;
    ProcessDefinition targetDefinition;
    ExecutableProcess target;

    Migration(ProcessingContext ctx, long processInstanceKey, ProcessInstanceMigration plan) {
      this.ctx = ctx;
      this.state = ctx.state();
      this.processInstanceKey = processInstanceKey;
      this.plan = plan;
    }

    // ---------------------------------------------------------------- validation (Zeebe's order)

    void validate() {
      processInstance = state.elementInstance(processInstanceKey);
      if (processInstance == null || processInstance.type() != BpmnElementType.PROCESS) {
        throw Rejection.notFound(PROCESS_INSTANCE_NOT_FOUND, processInstanceKey);
      }
      Set<String> seen = new LinkedHashSet<>();
      Set<String> duplicates = new LinkedHashSet<>();
      for (MappingInstruction instruction : plan.mappingInstructions()) {
        if (!seen.add(instruction.sourceElementId())) {
          duplicates.add(instruction.sourceElementId());
        }
      }
      if (!duplicates.isEmpty()) {
        throw Rejection.invalidArgument(
            DUPLICATE_SOURCE_IDS, processInstanceKey, new ArrayList<>(duplicates));
      }
      targetDefinition = state.process(plan.targetProcessDefinitionKey());
      if (targetDefinition == null
          || !targetDefinition.tenantId().equals(processInstance.tenantId)) {
        throw Rejection.notFound(DEFINITION_NOT_FOUND, plan.targetProcessDefinitionKey());
      }
      source = state.process(processInstance.processDefinitionKey()).executable();
      target = targetDefinition.executable();
      requireNoStartEventInstanceForTarget();
      for (MappingInstruction instruction : plan.mappingInstructions()) {
        if (!exists(source, instruction.sourceElementId())) {
          throw Rejection.invalidArgument(
              SOURCE_NOT_FOUND, processInstanceKey, instruction.sourceElementId());
        }
        if (!exists(target, instruction.targetElementId())) {
          throw Rejection.invalidArgument(
              TARGET_NOT_FOUND, processInstanceKey, instruction.targetElementId());
        }
        mapping.put(instruction.sourceElementId(), instruction.targetElementId());
      }
      // nobody maps the process itself: it becomes the target process
      mapping.put(processInstance.bpmnProcessId(), targetDefinition.bpmnProcessId());
      ArrayDeque<ElementInstance> queue = new ArrayDeque<>(List.of(processInstance));
      while (!queue.isEmpty()) {
        ElementInstance instance = queue.poll();
        steps.add(plan(instance));
        queue.addAll(state.children(instance.key));
      }
    }

    private boolean exists(ExecutableProcess process, String id) {
      return process.element(id) != null || process.sequenceFlow(id) != null;
    }

    private void requireNoStartEventInstanceForTarget() {
      if (processInstance.bpmnProcessId().equals(targetDefinition.bpmnProcessId())
          || targetDefinition.executable().messageStartEvents().isEmpty()) {
        return;
      }
      String correlationKey = state.messageStartCorrelationKey(processInstanceKey);
      if (correlationKey != null
          && state.messageStartedInstance(
                  processInstance.tenantId, targetDefinition.bpmnProcessId(), correlationKey)
              != -1) {
        throw Rejection.invalidState(
            START_EVENT_INSTANCE_EXISTS,
            processInstanceKey,
            targetDefinition.key(),
            correlationKey);
      }
    }

    private Step plan(ElementInstance instance) {
      String elementId = instance.element().id();
      BpmnElementType type = instance.type();
      if (!SUPPORTED.contains(type)) {
        throw Rejection.invalidState(UNSUPPORTED_TYPE, processInstanceKey, elementId, type);
      }
      if (type == BpmnElementType.INTERMEDIATE_CATCH_EVENT) {
        if (!SUPPORTED_CATCH_EVENTS.contains(instance.element().eventType())) {
          throw Rejection.invalidState(
              UNSUPPORTED_CATCH_EVENT,
              processInstanceKey,
              elementId,
              instance.element().eventType());
        }
        if (instance.element() instanceof ExecutableCatchEvent event
            && event.eventBasedGatewayId() != null) {
          throw Rejection.invalidState(
              ATTACHED_TO_EVENT_BASED_GATEWAY, processInstanceKey, elementId);
        }
      }
      String targetId = mapping.get(elementId);
      if (targetId == null) {
        throw Rejection.invalidState(UNMAPPED, processInstanceKey, elementId);
      }
      ExecutableElement targetElement = target.element(targetId);
      ElementInstance flowScope =
          instance.flowScopeKey == -1 ? null : state.elementInstance(instance.flowScopeKey);
      boolean inner = flowScope != null && flowScope.type() == BpmnElementType.MULTI_INSTANCE_BODY;
      BpmnElementType targetType =
          targetElement == null ? BpmnElementType.SEQUENCE_FLOW : targetElement.type();
      ExecutableElement becomes = targetElement;
      if (type != targetType) {
        if (inner && targetType == BpmnElementType.MULTI_INSTANCE_BODY) {
          becomes = ((ExecutableMultiInstanceBody) targetElement).innerActivity();
          targetType = becomes.type();
        }
        if (type != targetType) {
          throw Rejection.invalidState(
              TYPE_CHANGED, processInstanceKey, elementId, type, targetId, targetType);
        }
      }
      if (type == BpmnElementType.USER_TASK) {
        String from =
            instance.element() instanceof ExecutableUserTask ? ZEEBE_USER_TASK : JOB_WORKER;
        String to = becomes instanceof ExecutableUserTask ? ZEEBE_USER_TASK : JOB_WORKER;
        if (!from.equals(to)) {
          throw Rejection.invalidState(
              USER_TASK_IMPLEMENTATION_CHANGED, processInstanceKey, elementId, from, targetId, to);
        }
      }
      if (flowScope != null) {
        String expected =
            mapping.get(
                flowScope.element().id()); // the flow scope was planned before: it is mapped
        String actual =
            inner && targetElement.type() == BpmnElementType.MULTI_INSTANCE_BODY
                ? targetElement.id()
                : targetElement.flowScopeId() == null
                    ? targetDefinition.bpmnProcessId()
                    : targetElement.flowScopeId();
        if (!actual.equals(expected)) {
          throw Rejection.invalidState(
              FLOW_SCOPE_CHANGED, processInstanceKey, elementId, expected, actual);
        }
      }
      checkCatchEventMappings(instance.element(), elementId, targetId, becomes);
      if (type == BpmnElementType.MULTI_INSTANCE_BODY
          && instance.element(ExecutableMultiInstanceBody.class).loopCharacteristics().sequential()
              != ((ExecutableMultiInstanceBody) targetElement).loopCharacteristics().sequential()) {
        throw Rejection.invalidState(
            LOOP_CHARACTERISTICS_CHANGED, processInstanceKey, elementId, targetId);
      }
      if (state.hasEventTrigger(instance.key)
          || (instance.pendingFlows() != null && !instance.pendingFlows().isEmpty())) {
        throw Rejection.invalidState(CONCURRENT_COMMAND, processInstanceKey);
      }
      Step step = new Step(instance, targetId, becomes);
      planFlows(step);
      if (instance.state() != ElementInstance.State.ACTIVATING) {
        // an element still activating has opened nothing yet, and opens what its (target) element
        // has when it goes on
        planCatchEvents(step, elementId);
      }
      return step;
    }

    /**
     * Zeebe's checks of the mapped catch events of an element: attached to it, not merged, same
     * event type.
     */
    private void checkCatchEventMappings(
        ExecutableElement sourceElement,
        String elementId,
        String targetId,
        ExecutableElement becomes) {
      List<ExecutableElement> sourceEvents = catchEvents(sourceElement);
      Set<String> targetEventIds = new LinkedHashSet<>();
      catchEvents(becomes).forEach(event -> targetEventIds.add(event.id()));
      for (ExecutableElement event : sourceEvents) {
        String mapped = mapping.get(event.id());
        if (mapped != null && !targetEventIds.contains(mapped)) {
          throw Rejection.invalidState(
              CATCH_EVENT_DETACHED, processInstanceKey, elementId, targetId, event.id(), mapped);
        }
      }
      Map<String, TreeSet<String>> sourcesByTarget = new LinkedHashMap<>();
      for (ExecutableElement event : sourceEvents) {
        String mapped = mapping.get(event.id());
        if (mapped != null) {
          sourcesByTarget.computeIfAbsent(mapped, k -> new TreeSet<>()).add(event.id());
        }
      }
      sourcesByTarget.forEach(
          (mapped, sources) -> {
            if (sources.size() > 1) {
              throw Rejection.invalidState(
                  CATCH_EVENTS_MERGED,
                  processInstanceKey,
                  elementId,
                  mapped,
                  String.join("', '", sources));
            }
          });
      for (ExecutableElement event : sourceEvents) {
        String mapped = mapping.get(event.id());
        if (mapped == null) {
          continue;
        }
        ExecutableElement targetEvent = target.element(mapped);
        if (eventType(event) != eventType(targetEvent)) {
          throw Rejection.invalidState(
              CATCH_EVENT_TYPE_CHANGED,
              processInstanceKey,
              elementId,
              event.id(),
              mapped,
              eventType(event),
              eventType(targetEvent));
        }
      }
    }

    private static BpmnEventType eventType(ExecutableElement event) {
      return event.eventType() == null ? BpmnEventType.UNSPECIFIED : event.eventType();
    }

    /**
     * Tokens waiting at joining gateways in this scope: each gateway and each taken flow must be
     * mapped.
     */
    private void planFlows(Step step) {
      ElementInstance scope = step.instance;
      if (scope.joinTokens() == null) {
        return;
      }
      for (Map.Entry<String, Map<String, Integer>> waiting : scope.joinTokens().entrySet()) {
        if (waiting.getValue().isEmpty()) {
          continue;
        }
        ExecutableElement gateway = source.element(waiting.getKey());
        String targetGatewayId = mapping.get(gateway.id());
        if (targetGatewayId == null) {
          throw Rejection.invalidState(GATEWAY_UNMAPPED, processInstanceKey, gateway.id());
        }
        ExecutableElement targetGateway = target.element(targetGatewayId);
        if (targetGateway == null || targetGateway.type() != gateway.type()) {
          throw Rejection.invalidState(
              GATEWAY_TYPE_CHANGED,
              processInstanceKey,
              gateway.id(),
              gateway.type(),
              targetGatewayId,
              targetGateway == null ? BpmnElementType.SEQUENCE_FLOW : targetGateway.type());
        }
        if (targetGateway.incoming().size() < gateway.incoming().size()) {
          throw Rejection.invalidState(
              GATEWAY_FEWER_INCOMING,
              processInstanceKey,
              gateway.id(),
              targetGatewayId,
              targetGateway.incoming().size(),
              gateway.incoming().size());
        }
        Map<String, TreeSet<String>> byTargetFlow = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> taken : waiting.getValue().entrySet()) {
          String targetFlowId = mapping.get(taken.getKey());
          SequenceFlow targetFlow = targetFlowId == null ? null : target.sequenceFlow(targetFlowId);
          if (targetFlow == null || !targetFlow.targetId().equals(targetGatewayId)) {
            throw Rejection.invalidState(
                FLOW_UNMAPPED, processInstanceKey, taken.getKey(), gateway.id(), targetGatewayId);
          }
          byTargetFlow.computeIfAbsent(targetFlowId, k -> new TreeSet<>()).add(taken.getKey());
          step.flows.add(new FlowMove(taken.getKey(), targetFlowId, taken.getValue()));
        }
        byTargetFlow.forEach(
            (targetFlowId, sources) -> {
              if (sources.size() > 1) {
                throw Rejection.invalidState(
                    FLOWS_MERGED, processInstanceKey, String.join("', '", sources), targetFlowId);
              }
            });
      }
    }

    /**
     * The element's subscriptions of catch events that are mapped are kept (migrated); the others
     * are closed; the catch events of the target element that no instruction maps to are subscribed
     * to anew, evaluated in the element's scope now (a failure rejects the migration).
     */
    private void planCatchEvents(Step step, String elementId) {
      ElementInstance instance = step.instance;
      for (TimerInstance timer : state.timersOf(instance.key)) {
        (mapping.containsKey(timer.targetElementId()) ? step.timersToMigrate : step.timersToClose)
            .add(timer);
      }
      List<MessageSubscription> messages = state.subscriptionsOf(instance.key);
      for (MessageSubscription subscription : messages) {
        if (mapping.containsKey(subscription.elementId())) {
          step.messagesToMigrate.add(subscription); // the others are closed
        }
      }
      for (SignalSubscription subscription : state.signalSubscriptionsOf(instance.key)) {
        if (mapping.containsKey(subscription.elementId())) {
          step.signalsToMigrate.add(subscription);
        }
      }
      if (instance.interruptingElementId() != null) {
        return; // an interrupted scope subscribes to nothing more
      }
      try {
        for (ExecutableElement event : catchEvents(step.target)) {
          if (mapping.containsValue(event.id())) {
            continue; // a mapped catch event: its subscription is migrated
          }
          boolean interrupting =
              event == step.target
                  || !(event instanceof ExecutableCatchEvent catchEvent)
                  || catchEvent.interrupting();
          switch (eventType(event)) {
            case TIMER ->
                step.newTimers.add(
                    bpmn.timers().plan(ctx, (ExecutableCatchEvent) event, instance.key));
            case MESSAGE -> {
              MessageBehavior.PlannedSubscription planned =
                  event instanceof ExecutableReceiveTask receiveTask
                      ? bpmn.messages().plan(ctx, receiveTask, instance.key)
                      : bpmn.messages()
                          .plan(ctx, (ExecutableCatchEvent) event, instance.key, interrupting);
              if (messages.stream()
                  .anyMatch(existing -> existing.messageName().equals(planned.messageName()))) {
                throw Rejection.invalidState(
                    ALREADY_SUBSCRIBED,
                    processInstanceKey,
                    elementId,
                    planned.messageName(),
                    event.id());
              }
              step.newMessages.add(planned);
            }
            case SIGNAL ->
                step.newSignals.add(
                    bpmn.signals()
                        .plan(ctx, (ExecutableCatchEvent) event, instance.key, interrupting));
            default -> {} // errors, escalations and compensation are no subscriptions
          }
        }
      } catch (ExpressionFailure failure) {
        throw Rejection.invalidState(
            SUBSCRIPTION_FAILED,
            processInstanceKey,
            elementId,
            step.targetId,
            failure.getMessage());
      }
    }

    // ---------------------------------------------------------------- apply

    void apply() {
      for (Step step : steps) {
        migrateElement(step);
      }
      ctx.event(
          ProcessInstanceMigrationIntent.MIGRATED,
          processInstanceKey,
          recordValue(processInstanceKey, plan, processInstance.tenantId));
    }

    private void migrateElement(Step step) {
      ElementInstance instance = step.instance;
      ctx.event(
          ProcessInstanceIntent.ELEMENT_MIGRATED,
          instance.key,
          ElementValues.of(instance)
              .migratedTo(
                  targetDefinition.bpmnProcessId(),
                  targetDefinition.version(),
                  targetDefinition.key(),
                  step.targetId));
      for (FlowMove flow : step.flows) {
        for (int i = 0; i < flow.tokens(); i++) {
          ctx.event(
              ProcessInstanceIntent.SEQUENCE_FLOW_DELETED,
              state.nextKey(),
              flowValue(step, flow.sourceFlowId(), true));
          ctx.event(
              ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN,
              state.nextKey(),
              flowValue(step, flow.targetFlowId(), false));
        }
      }
      if (instance.jobKey() != -1) {
        Job job = state.job(instance.jobKey());
        if (job != null) {
          JobValue.Builder migrated = JobBehavior.jobValue(job).toBuilder();
          migrated.elementId = step.targetId;
          migrated.bpmnProcessId = targetDefinition.bpmnProcessId();
          migrated.processDefinitionVersion = targetDefinition.version();
          migrated.processDefinitionKey = targetDefinition.key();
          ctx.event(JobIntent.MIGRATED, job.key, migrated.build());
        }
      }
      if (instance.incidentKey() != -1) {
        Incident incident = state.incident(instance.incidentKey());
        if (incident != null) {
          ElementTreePath path = ElementTreePath.of(state, instance);
          ctx.event(
              IncidentIntent.MIGRATED,
              incident.key(),
              new IncidentValue(
                  incident.errorType(),
                  incident.errorMessage(),
                  targetDefinition.bpmnProcessId(),
                  targetDefinition.key(),
                  incident.processInstanceKey(),
                  step.targetId,
                  incident.elementInstanceKey(),
                  incident.jobKey(),
                  incident.variableScopeKey(),
                  incident.tenantId(),
                  new ArrayList<>(path.elementInstancePath()),
                  new ArrayList<>(path.processDefinitionPath()),
                  new ArrayList<>(path.callingElementPath())));
        }
      }
      if (instance.userTaskKey() != -1) {
        UserTask task = state.userTask(instance.userTaskKey());
        if (task != null) {
          UserTaskValue.Builder taskValue = UserTaskBehavior.userTaskValue(task).toBuilder();
          taskValue.elementId = step.targetId;
          taskValue.elementName = step.target.name() == null ? "" : step.target.name();
          taskValue.bpmnProcessId = targetDefinition.bpmnProcessId();
          taskValue.processDefinitionVersion = targetDefinition.version();
          taskValue.processDefinitionKey = targetDefinition.key();
          ctx.event(UserTaskIntent.MIGRATED, task.key, taskValue.build());
        }
      }
      for (Variable variable : new ArrayList<>(state.localVariables(instance.key).values())) {
        // Zeebe's record carries no value; this one keeps it for readers of the log
        VariableValue variableValue =
            new VariableValue(
                variable.name(),
                variable.json(),
                instance.key,
                instance.processInstanceKey,
                targetDefinition.key(),
                targetDefinition.bpmnProcessId(),
                instance.tenantId);
        ctx.event(VariableIntent.MIGRATED, variable.key(), variableValue);
      }
      migrateCatchEvents(step);
      if (instance.type() == BpmnElementType.PROCESS) {
        migrateCompensationSubscriptions();
      }
    }

    private ProcessInstanceValue flowValue(Step step, String flowId, boolean before) {
      ElementInstance scope = step.instance;
      return new ProcessInstanceValue(
          before ? step.sourceProcessId : targetDefinition.bpmnProcessId(),
          before ? step.sourceVersion : targetDefinition.version(),
          before ? step.sourceDefinitionKey : targetDefinition.key(),
          scope.processInstanceKey,
          flowId,
          scope.key,
          BpmnElementType.SEQUENCE_FLOW.name(),
          BpmnEventType.UNSPECIFIED.name(),
          -1L,
          -1L,
          scope.tenantId);
    }

    private void migrateCatchEvents(Step step) {
      ElementInstance instance = step.instance;
      step.timersToClose.forEach(timer -> bpmn.timers().cancel(ctx, timer));
      bpmn.messages().closeWhere(ctx, instance.key, elementId -> !mapping.containsKey(elementId));
      bpmn.signals().closeWhere(ctx, instance.key, elementId -> !mapping.containsKey(elementId));
      for (TimerBehavior.PlannedTimer timer : step.newTimers) {
        bpmn.timers().create(ctx, instance, timer);
      }
      bpmn.signals().open(ctx, instance, step.newSignals);
      bpmn.messages().open(ctx, instance, step.newMessages);
      for (TimerInstance timer : step.timersToMigrate) {
        ctx.event(
            TimerIntent.MIGRATED,
            timer.key(),
            new TimerValue(
                timer.elementInstanceKey(),
                timer.processInstanceKey(),
                targetDefinition.key(),
                targetDefinition.bpmnProcessId(),
                mapping.get(timer.targetElementId()),
                timer.dueDate(),
                timer.repetitions(),
                timer.tenantId()));
      }
      for (MessageSubscription subscription : step.messagesToMigrate) {
        String targetEventId = mapping.get(subscription.elementId());
        ctx.event(
            ProcessMessageSubscriptionIntent.MIGRATED,
            subscription.key(),
            new ProcessMessageSubscriptionValue(
                subscription.elementInstanceKey(),
                subscription.processInstanceKey(),
                targetDefinition.key(),
                targetDefinition.bpmnProcessId(),
                targetEventId,
                subscription.messageName(),
                subscription.correlationKey(),
                -1L,
                Map.of(),
                interrupting(step, targetEventId),
                subscription.tenantId()));
      }
      for (SignalSubscription subscription : step.signalsToMigrate) {
        String targetEventId = mapping.get(subscription.elementId());
        ctx.event(
            SignalSubscriptionIntent.MIGRATED,
            subscription.key(),
            new SignalSubscriptionValue(
                subscription.signalName(),
                targetEventId,
                subscription.elementInstanceKey(),
                targetDefinition.bpmnProcessId(),
                targetDefinition.key(),
                subscription.processInstanceKey(),
                interrupting(step, targetEventId),
                subscription.tenantId()));
      }
    }

    /**
     * The interrupting flag a subscription takes from its target catch event (the element's own
     * event always interrupts).
     */
    private boolean interrupting(Step step, String targetEventId) {
      return targetEventId.equals(step.target.id())
          || !(target.element(targetEventId) instanceof ExecutableCatchEvent event)
          || event.interrupting();
    }

    /**
     * Compensation subscriptions of completed activities move with a mapping instruction of the
     * activity (taking the target's compensation handler); the others can no longer be compensated
     * in the target process and are deleted. Triggered ones belong to running handlers and stay.
     */
    private void migrateCompensationSubscriptions() {
      for (CompensationSubscription subscription :
          new ArrayList<>(state.compensationSubscriptions(processInstanceKey))) {
        if (subscription.triggered()) {
          continue;
        }
        String mapped = mapping.get(subscription.compensableActivityId());
        if (mapped == null) {
          ctx.event(
              CompensationSubscriptionIntent.DELETED, subscription.key(), subscription.value());
          continue;
        }
        ExecutableBoundaryEvent boundary =
            target.element(mapped) instanceof ExecutableActivity activity
                ? activity.compensationBoundaryEvent()
                : null;
        CompensationSubscriptionValue value =
            subscription
                .value()
                .migrated(
                    targetDefinition.key(),
                    mapped,
                    boundary != null && boundary.compensationHandlerId() != null
                        ? boundary.compensationHandlerId()
                        : subscription.compensationHandlerId());
        ctx.event(CompensationSubscriptionIntent.MIGRATED, subscription.key(), value);
      }
    }
  }

  /**
   * The catch events of an element, as Zeebe collects them: its own event (an intermediate catch
   * event or receive task), the events after an event-based gateway, the start events of the event
   * subprocesses of a scope, and the boundary events.
   */
  static List<ExecutableElement> catchEvents(ExecutableElement element) {
    List<ExecutableElement> events = new ArrayList<>();
    if (element.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
        || element.type() == BpmnElementType.RECEIVE_TASK) {
      events.add(element);
    }
    if (element instanceof ExecutableEventBasedGateway gateway) {
      events.addAll(gateway.eventBasedTargets());
    }
    events.addAll(EventSubprocessBehavior.eventSubprocessStartEvents(element));
    if (element instanceof ExecutableActivity activity) {
      events.addAll(activity.boundaryEvents());
    }
    return events;
  }
}
