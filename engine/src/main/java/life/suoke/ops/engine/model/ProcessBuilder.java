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
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
      ExecutableElement activity =
          element.type() == BpmnElementType.BOUNDARY_EVENT
              ? executable.element(element.attachedToId())
              : null;
      if (activity != null) {
        activity.boundaryEvents().add(element);
      }
      if (element.type() == BpmnElementType.EVENT_SUB_PROCESS) {
        ExecutableElement scope =
            element.flowScopeId() == null
                ? executable.processElement()
                : executable.element(element.flowScopeId());
        if (scope.type() == BpmnElementType.MULTI_INSTANCE_BODY) {
          scope =
              scope.innerActivity(); // each inner instance of a multi-instance subprocess has them
        }
        scope.eventSubprocessStartEvents().add(element.subProcessStartEvent());
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
      executable.element(built.sourceId()).outgoing().add(built);
      executable.element(built.targetId()).incoming().add(built);
    }
    // A link throw event jumps to the link catch event of the same name in the same scope.
    for (ExecutableElement thrower : executable.elements().values()) {
      if (thrower.type() == BpmnElementType.INTERMEDIATE_THROW_EVENT
          && thrower.eventType() == BpmnEventType.LINK) {
        for (ExecutableElement catcher : executable.elements().values()) {
          if (catcher.type() == BpmnElementType.INTERMEDIATE_CATCH_EVENT
              && catcher.eventType() == BpmnEventType.LINK
              && java.util.Objects.equals(catcher.linkName(), thrower.linkName())
              && java.util.Objects.equals(catcher.flowScopeId(), thrower.flowScopeId())) {
            thrower.setLinkTarget(catcher);
          }
        }
      }
    }
    for (ExecutableElement element : executable.elements().values()) {
      if (element.type() == BpmnElementType.EVENT_BASED_GATEWAY) {
        for (SequenceFlow flow : element.outgoing()) {
          ExecutableElement target = executable.element(flow.targetId());
          element.eventBasedTargets().add(target);
          target.setEventBasedGatewayId(element.id());
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
      ExecutableElement subProcess,
      ExecutableProcess executable,
      List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> flows) {
    for (FlowElement element : elements) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flows.add(flow);
      } else if (element instanceof FlowNode node) {
        ExecutableElement built = buildElement(node);
        built.setFlowScopeId(subProcess == null ? null : subProcess.id());
        executable.addElement(multiInstanceBody(node, built));
        if (built.type() == BpmnElementType.START_EVENT) {
          if (subProcess != null) {
            subProcess.setSubProcessStartEvent(built);
          } else {
            switch (built.eventType()) {
              case TIMER -> executable.addTimerStartEvent(built);
              case MESSAGE -> executable.addMessageStartEvent(built);
              case SIGNAL -> executable.addSignalStartEvent(built);
              default -> executable.setNoneStartEvent(built);
            }
          }
        }
        if (node instanceof io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc) {
          ExecutableElement innerInstance = adHocInnerInstance(built);
          executable.addElement(innerInstance);
          collect(adHoc.getFlowElements(), innerInstance, executable, flows);
          built.setAdHocSubProcess(adHocSubProcess(adHoc, innerInstance, executable));
        } else if (node instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub) {
          collect(sub.getFlowElements(), built, executable, flows);
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
    ExecutableElement element = new ExecutableElement(node.getId(), node.getName(), type);
    addMappings(node, element);
    element.setExecutionListeners(executionListeners(node));
    element.setTaskListeners(taskListeners(node));
    if (node instanceof CatchEvent event) {
      // a start event of the process: its message or signal name was evaluated on deployment
      boolean startEvent =
          type == BpmnElementType.START_EVENT && node.getParentElement() instanceof Process;
      for (EventDefinition definition : event.getEventDefinitions()) {
        catchEventDefinition(feel, element, definition, startEvent);
      }
      if (node instanceof StartEvent start && isEventSubprocess(node.getParentElement())) {
        element.setInterrupting(start.isInterrupting());
      }
    } else if (node instanceof ThrowEvent event) {
      for (EventDefinition definition : event.getEventDefinitions()) {
        throwEventDefinition(element, definition);
      }
    }
    if (node instanceof BoundaryEvent boundary) {
      element.setBoundaryEvent(boundary.getAttachedTo().getId(), boundary.cancelActivity());
      if (element.eventType() == BpmnEventType.COMPENSATION) {
        element.setCompensationTargetId(compensationHandlerOf(boundary));
      }
    }
    if (node instanceof Activity activity && activity.isForCompensation()) {
      element.setEventType(
          BpmnEventType.COMPENSATION); // a handler runs only as one, and its records say so
    }
    if (node instanceof ReceiveTask receiveTask) {
      element.setMessageDefinition(messageDefinition(receiveTask.getMessage()));
    }
    Map<String, String> headers = taskHeaders(node);
    element.setTaskHeaders(headers);

    switch (type) {
      case SERVICE_TASK, SEND_TASK -> element.setJobDefinition(jobDefinition(node, headers));
      case AD_HOC_SUB_PROCESS -> {
        if (extension(node, ZeebeTaskDefinition.class) != null) {
          element.setJobDefinition(jobDefinition(node, headers)); // the job worker implementation
        }
      }
      case CALL_ACTIVITY -> {
        io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement called =
            extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement.class);
        String binding =
            called.getBindingType() == null
                ? "latest"
                : called.getBindingType().name().toLowerCase(java.util.Locale.ROOT);
        element.setCalledElement(
            new CalledElement(
                Expression.parse(called.getProcessId()),
                binding,
                called.isPropagateAllChildVariablesEnabled(),
                called.isPropagateAllParentVariablesEnabled()));
      }
      case SCRIPT_TASK -> {
        io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript script =
            extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript.class);
        if (script != null) {
          element.setScript(Expression.parse(script.getExpression()), script.getResultVariable());
        } else {
          element.setJobDefinition(jobDefinition(node, headers));
        }
      }
      case BUSINESS_RULE_TASK -> {
        io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision called =
            extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision.class);
        if (called != null) {
          String binding =
              called.getBindingType() == null ? "latest" : called.getBindingType().name();
          element.setCalledDecision(
              new CalledDecision(
                  Expression.parse(called.getDecisionId()),
                  called.getResultVariable(),
                  binding,
                  blankToNull(called.getVersionTag())));
        } else {
          element.setJobDefinition(jobDefinition(node, headers));
        }
      }
      case INTERMEDIATE_THROW_EVENT, END_EVENT -> {
        if (element.eventType() == BpmnEventType.MESSAGE) {
          element.setJobDefinition(jobDefinition(node, headers));
        }
      }
      case USER_TASK -> {
        if (extension(node, ZeebeUserTask.class) != null) {
          element.setUserTaskDefinition(camundaUserTask(node));
        } else {
          element.setJobDefinition(jobWorkerUserTask(node, headers));
        }
      }
      case EXCLUSIVE_GATEWAY -> {
        var defaultFlow = ((ExclusiveGateway) node).getDefault();
        element.setDefaultFlowId(defaultFlow == null ? null : defaultFlow.getId());
      }
      case INCLUSIVE_GATEWAY -> {
        var defaultFlow =
            ((io.camunda.zeebe.model.bpmn.instance.InclusiveGateway) node).getDefault();
        element.setDefaultFlowId(defaultFlow == null ? null : defaultFlow.getId());
      }
      default -> {}
    }
    return element;
  }
}
