package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ContainerTransformation.adHocInnerInstance;
import static life.suoke.ops.engine.model.ContainerTransformation.adHocSubProcess;
import static life.suoke.ops.engine.model.ContainerTransformation.multiInstanceBody;
import static life.suoke.ops.engine.model.EventTransformation.catchEventDefinition;
import static life.suoke.ops.engine.model.EventTransformation.compensationHandlerOf;
import static life.suoke.ops.engine.model.EventTransformation.messageDefinition;
import static life.suoke.ops.engine.model.EventTransformation.throwEventDefinition;
import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.SupportedElements.isEventSubprocess;
import static life.suoke.ops.engine.model.TaskTransformation.addMappings;
import static life.suoke.ops.engine.model.TaskTransformation.camundaUserTask;
import static life.suoke.ops.engine.model.TaskTransformation.executionListeners;
import static life.suoke.ops.engine.model.TaskTransformation.jobDefinition;
import static life.suoke.ops.engine.model.TaskTransformation.jobWorkerUserTask;
import static life.suoke.ops.engine.model.TaskTransformation.taskHeaders;
import static life.suoke.ops.engine.model.TaskTransformation.taskListeners;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import life.suoke.ops.engine.feel.FeelEvaluator;

/** Builds the executable process of a checked BPMN process, element by element. */
final class ProcessBuilder {

  private final FeelEvaluator feel;

  ProcessBuilder(FeelEvaluator feel) {
    this.feel = feel;
  }

  ExecutableProcess build(Process process) {
    ExecutableProcess executable = new ExecutableProcess(process.getId(), process.getName());
    ZeebeVersionTag versionTag = extension(process, ZeebeVersionTag.class);
    if (versionTag != null) {
      executable.setVersionTag(versionTag.getValue());
    }
    addMappings(process, executable.processElement());
    executable.processElement().setExecutionListeners(executionListeners(process));

    List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows = new ArrayList<>();
    collect(process.getFlowElements(), null, executable, flows);
    for (ExecutableElement element : executable.elements().values()) {
      if (element instanceof ExecutableBoundaryEvent boundary
          && executable.element(boundary.attachedToId()) instanceof ExecutableActivity activity) {
        activity.attach(boundary);
      }
      if (element.type() == BpmnElementType.EVENT_SUB_PROCESS
          && element instanceof ExecutableFlowScope eventSubprocess) {
        ExecutableElement scope =
            element.flowScopeId() == null
                ? executable.processElement()
                : executable.element(element.flowScopeId());
        if (scope instanceof ExecutableMultiInstanceBody body) {
          scope =
              body.innerActivity(); // each inner instance of a multi-instance subprocess has them
        }
        ((ExecutableFlowScope) scope)
            .addEventSubprocessStartEvent(eventSubprocess.subProcessStartEvent());
      }
    }
    for (io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow : flows) {
      ConditionExpression condition = flow.getConditionExpression();
      SequenceFlow built =
          new SequenceFlow(
              flow.getId(),
              flow.getSource().getId(),
              flow.getTarget().getId(),
              condition == null ? null : Expression.parse(condition.getTextContent()));
      executable.addSequenceFlow(built);
      executable.element(built.sourceId()).addOutgoing(built);
      executable.element(built.targetId()).addIncoming(built);
    }
    // A link throw event jumps to the link catch event of the same name in the same scope.
    for (ExecutableElement element : executable.elements().values()) {
      if (element instanceof ExecutableThrowEvent thrower
          && thrower.eventType() == BpmnEventType.LINK) {
        for (ExecutableElement candidate : executable.elements().values()) {
          if (candidate instanceof ExecutableCatchEvent catcher
              && catcher.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
              && catcher.eventType() == BpmnEventType.LINK
              && Objects.equals(catcher.linkName(), thrower.linkName())
              && Objects.equals(catcher.flowScopeId(), thrower.flowScopeId())) {
            thrower.setLinkTarget(catcher);
          }
        }
      }
    }
    for (ExecutableElement element : executable.elements().values()) {
      if (element instanceof ExecutableEventBasedGateway gateway) {
        for (SequenceFlow flow : gateway.outgoing()) {
          ExecutableCatchEvent target = (ExecutableCatchEvent) executable.element(flow.targetId());
          gateway.addEventBasedTarget(target);
          target.setEventBasedGatewayId(gateway.id());
        }
      }
    }
    return executable;
  }

  /**
   * Builds the flow nodes of a scope (the process, or an embedded subprocess) and collects its
   * flows.
   */
  void collect(
      Collection<FlowElement> elements,
      ExecutableFlowScope subProcess,
      ExecutableProcess executable,
      List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows) {
    for (FlowElement element : elements) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flows.add(flow);
      } else if (element instanceof FlowNode node) {
        ExecutableElement built = buildElement(node);
        built.setFlowScopeId(subProcess == null ? null : subProcess.id());
        executable.addElement(multiInstanceBody(node, built));
        if (built.type() == BpmnElementType.START_EVENT
            && built instanceof ExecutableCatchEvent start) {
          if (subProcess != null) {
            subProcess.setSubProcessStartEvent(start);
          } else {
            switch (start.eventType()) {
              case TIMER -> executable.addTimerStartEvent(start);
              case MESSAGE -> executable.addMessageStartEvent(start);
              case SIGNAL -> executable.addSignalStartEvent(start);
              default -> executable.setNoneStartEvent(start);
            }
          }
        }
        if (node instanceof io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc
            && built instanceof ExecutableAdHocSubProcess adHocElement) {
          ExecutableFlowScope innerInstance = adHocInnerInstance(adHocElement);
          executable.addElement(innerInstance);
          collect(adHoc.getFlowElements(), innerInstance, executable, flows);
          adHocElement.setAdHocSubProcess(adHocSubProcess(adHoc, innerInstance, executable));
        } else if (node instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub
            && built instanceof ExecutableFlowScope scope) {
          collect(sub.getFlowElements(), scope, executable, flows);
        }
      }
    }
  }

  ExecutableElement buildElement(FlowNode node) {
    String kind = node.getElementType().getTypeName();
    BpmnElementType type =
        switch (kind) {
          case "startEvent" -> BpmnElementType.START_EVENT;
          case "endEvent" -> BpmnElementType.END_EVENT;
          case "intermediateCatchEvent" -> BpmnElementType.INTERMEDIATE_CATCH_EVENT;
          case "intermediateThrowEvent" -> BpmnElementType.INTERMEDIATE_THROW_EVENT;
          case "boundaryEvent" -> BpmnElementType.BOUNDARY_EVENT;
          case "serviceTask" -> BpmnElementType.SERVICE_TASK;
          case "sendTask" -> BpmnElementType.SEND_TASK;
          case "userTask" -> BpmnElementType.USER_TASK;
          case "manualTask" -> BpmnElementType.MANUAL_TASK;
          case "task" -> BpmnElementType.TASK;
          case "receiveTask" -> BpmnElementType.RECEIVE_TASK;
          case "exclusiveGateway" -> BpmnElementType.EXCLUSIVE_GATEWAY;
          case "parallelGateway" -> BpmnElementType.PARALLEL_GATEWAY;
          case "inclusiveGateway" -> BpmnElementType.INCLUSIVE_GATEWAY;
          case "eventBasedGateway" -> BpmnElementType.EVENT_BASED_GATEWAY;
          case "subProcess" ->
              isEventSubprocess(node)
                  ? BpmnElementType.EVENT_SUB_PROCESS
                  : BpmnElementType.SUB_PROCESS;
          case "scriptTask" -> BpmnElementType.SCRIPT_TASK;
          case "callActivity" -> BpmnElementType.CALL_ACTIVITY;
          case "businessRuleTask" -> BpmnElementType.BUSINESS_RULE_TASK;
          case "adHocSubProcess" -> BpmnElementType.AD_HOC_SUB_PROCESS;
          default ->
              throw new IllegalStateException("Unsupported element passed the checks: " + kind);
        };
    ExecutableElement element = create(node, type);
    addMappings(node, element);
    element.setExecutionListeners(executionListeners(node));
    if (element instanceof ExecutableCatchEvent event) {
      // a start event of the process: its message or signal name was evaluated on deployment
      boolean startEvent =
          type == BpmnElementType.START_EVENT && node.getParentElement() instanceof Process;
      for (EventDefinition definition : ((CatchEvent) node).getEventDefinitions()) {
        catchEventDefinition(feel, event, definition, startEvent);
      }
      if (node instanceof StartEvent start && isEventSubprocess(node.getParentElement())) {
        event.setInterrupting(start.isInterrupting());
      }
      if (event instanceof ExecutableBoundaryEvent boundary
          && boundary.eventType() == BpmnEventType.COMPENSATION) {
        boundary.setCompensationHandlerId(compensationHandlerOf((BoundaryEvent) node));
      }
    } else if (element instanceof ExecutableThrowEvent event) {
      for (EventDefinition definition : ((ThrowEvent) node).getEventDefinitions()) {
        throwEventDefinition(event, definition);
      }
      if (event.eventType() == BpmnEventType.MESSAGE) {
        event.setJobDefinition(jobDefinition(node, taskHeaders(node)));
      }
    }
    if (node instanceof Activity activity && activity.isForCompensation()) {
      element.setEventType(
          BpmnEventType.COMPENSATION); // a handler runs only as one, and its records say so
    }
    return element;
  }

  /** The element of a flow node's kind, with what the kind needs from the start. */
  private ExecutableElement create(FlowNode node, BpmnElementType type) {
    String id = node.getId();
    String name = node.getName();
    return switch (type) {
      case START_EVENT, INTERMEDIATE_CATCH_EVENT -> new ExecutableCatchEvent(id, name, type);
      case BOUNDARY_EVENT -> {
        BoundaryEvent boundary = (BoundaryEvent) node;
        yield new ExecutableBoundaryEvent(
            id, name, boundary.getAttachedTo().getId(), boundary.cancelActivity());
      }
      case INTERMEDIATE_THROW_EVENT, END_EVENT -> new ExecutableThrowEvent(id, name, type);
      case SERVICE_TASK, SEND_TASK -> jobWorkerTask(node, type, false);
      case USER_TASK ->
          extension(node, ZeebeUserTask.class) != null
              ? new ExecutableUserTask(
                  id, name, camundaUserTask(node), taskHeaders(node), taskListeners(node))
              : jobWorkerTask(node, type, true);
      case SCRIPT_TASK -> {
        ZeebeScript script = extension(node, ZeebeScript.class);
        yield script == null
            ? jobWorkerTask(node, type, false)
            : new ExecutableScriptTask(
                id, name, Expression.parse(script.getExpression()), script.getResultVariable());
      }
      case BUSINESS_RULE_TASK -> {
        ZeebeCalledDecision called = extension(node, ZeebeCalledDecision.class);
        if (called == null) {
          yield jobWorkerTask(node, type, false);
        }
        String binding =
            called.getBindingType() == null ? "latest" : called.getBindingType().name();
        yield new ExecutableBusinessRuleTask(
            id,
            name,
            new CalledDecision(
                Expression.parse(called.getDecisionId()),
                called.getResultVariable(),
                binding,
                blankToNull(called.getVersionTag())));
      }
      case RECEIVE_TASK ->
          new ExecutableReceiveTask(id, name, messageDefinition(((ReceiveTask) node).getMessage()));
      case CALL_ACTIVITY -> {
        ZeebeCalledElement called = extension(node, ZeebeCalledElement.class);
        String binding =
            called.getBindingType() == null
                ? "latest"
                : called.getBindingType().name().toLowerCase(Locale.ROOT);
        yield new ExecutableCallActivity(
            id,
            name,
            new CalledElement(
                Expression.parse(called.getProcessId()),
                binding,
                called.isPropagateAllChildVariablesEnabled(),
                called.isPropagateAllParentVariablesEnabled()));
      }
      case SUB_PROCESS, EVENT_SUB_PROCESS -> new ExecutableFlowScope(id, name, type);
      case AD_HOC_SUB_PROCESS ->
          new ExecutableAdHocSubProcess(
              id,
              name,
              extension(node, ZeebeTaskDefinition.class) == null
                  ? null // the engine decides by the active elements and completion condition
                  : jobDefinition(node, taskHeaders(node)));
      case MANUAL_TASK, TASK -> new ExecutableActivity(id, name, type);
      case EXCLUSIVE_GATEWAY ->
          new ExecutableGateway(
              id, name, type, defaultFlowId(((ExclusiveGateway) node).getDefault()));
      case INCLUSIVE_GATEWAY ->
          new ExecutableGateway(
              id, name, type, defaultFlowId(((InclusiveGateway) node).getDefault()));
      case PARALLEL_GATEWAY -> new ExecutableGateway(id, name, type, null);
      case EVENT_BASED_GATEWAY -> new ExecutableEventBasedGateway(id, name);
      default -> throw new IllegalStateException("No executable element for " + type);
    };
  }

  private static ExecutableJobWorkerTask jobWorkerTask(
      FlowNode node, BpmnElementType type, boolean userTask) {
    Map<String, String> headers = taskHeaders(node);
    return new ExecutableJobWorkerTask(
        node.getId(),
        node.getName(),
        type,
        userTask ? jobWorkerUserTask(node, headers) : jobDefinition(node, headers));
  }

  private static String defaultFlowId(io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
    return flow == null ? null : flow.getId();
  }
}
