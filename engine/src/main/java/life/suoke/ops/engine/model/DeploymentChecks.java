package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.EventTransformation.messageDefinitionOf;
import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.SupportedElements.NOT_SUPPORTED;
import static life.suoke.ops.engine.model.SupportedElements.isSupportedKind;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The checks Zeebe's broker makes on deployment, and this engine's support of each element, on an
 * executable process: this class walks the process and checks what every element shares (listeners,
 * mappings, headers, expressions); {@link EventChecks}, {@link TaskChecks} and {@link
 * ContainerChecks} check each family's own parts. Every error goes to {@link TransformErrors}.
 */
final class DeploymentChecks {

  static final Pattern PATH = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");
  static final List<String> RESERVED_PATH_WORDS =
      List.of(
          "null",
          "true",
          "false",
          "function",
          "if",
          "then",
          "else",
          "for",
          "between",
          "instance",
          "of");

  final TransformErrors errors;
  final FeelEvaluator feel;
  final EventChecks events;
  final TaskChecks tasks;
  final ContainerChecks containers;

  DeploymentChecks(TransformErrors errors, FeelEvaluator feel) {
    this.errors = errors;
    this.feel = feel;
    this.events = new EventChecks(this);
    this.tasks = new TaskChecks(this);
    this.containers = new ContainerChecks(this);
  }

  void check(Process process) {
    checkListeners(process);
    checkIoMapping(process);
    checkFlowElements(process.getFlowElements());
  }

  void checkFlowElements(Collection<FlowElement> elements) {
    for (FlowElement element : elements) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        checkCondition(flow);
      } else if (element instanceof FlowNode node) {
        checkFlowNode(node);
        if (node instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub
            && isSupportedKind(kind(node))) {
          checkFlowElements(sub.getFlowElements());
        }
      }
      // data objects and data store references have no behaviour; Zeebe ignores them too
    }
  }

  String kind(FlowNode node) {
    return node.getElementType().getTypeName();
  }

  void checkFlowNode(FlowNode node) {
    String kind = node.getElementType().getTypeName();
    if (!isSupportedKind(kind)) {
      errors.addUnsupported(
          node, "Elements of type '" + kind + "' are not supported by this engine yet");
      return;
    }
    if (node instanceof CatchEvent event) {
      events.checkEventDefinitions(
          node, kind, event.getEventDefinitions(), event.getEventDefinitionRefs());
      boolean startEventOfProcess =
          event instanceof StartEvent && event.getParentElement() instanceof Process;
      for (EventDefinition definition : event.getEventDefinitions()) {
        if (definition instanceof TimerEventDefinition timer) {
          events.checkTimer(event, timer);
        } else if (startEventOfProcess
            && definition instanceof MessageEventDefinition message
            && message.getMessage() != null) {
          events.checkStartEventName(event, "message", message.getMessage().getName());
        } else if (startEventOfProcess
            && definition instanceof SignalEventDefinition signal
            && signal.getSignal() != null) {
          events.checkStartEventName(event, "signal", signal.getSignal().getName());
        }
      }
    } else if (node instanceof ThrowEvent event) {
      events.checkEventDefinitions(
          node, kind, event.getEventDefinitions(), event.getEventDefinitionRefs());
      MessageEventDefinition message = messageDefinitionOf(event);
      if (message != null) {
        events.checkMessageThrowEvent(event, message);
      }
    }
    if (node instanceof Activity activity) {
      if (activity.getLoopCharacteristics()
          instanceof MultiInstanceLoopCharacteristics multiInstance) {
        containers.checkMultiInstance(multiInstance);
      } else if (activity.getLoopCharacteristics() != null) {
        String marker = activity.getLoopCharacteristics().getElementType().getTypeName();
        errors.addUnsupported(node, "A loop marker ('" + marker + "')" + NOT_SUPPORTED);
      }
    }
    checkListeners(node);
    checkIoMapping(node);
    checkTaskHeaders(node);
    switch (kind) {
      case "serviceTask", "sendTask" -> tasks.checkTaskDefinition(node);
      case "scriptTask" -> tasks.checkScriptTask(node);
      case "userTask" -> tasks.checkUserTask(node);
      case "businessRuleTask" -> tasks.checkBusinessRuleTask(node);
      case "adHocSubProcess" ->
          containers.checkAdHocSubProcess(
              (io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess) node);
      default -> {}
    }
  }

  void checkOptionalNonStatic(ModelElementInstance element, String attribute) {
    if (blankToNull(attribute) != null) {
      checkNonStatic(element, attribute);
    }
  }

  void checkListeners(BaseElement element) {
    ZeebeExecutionListeners executionListeners = extension(element, ZeebeExecutionListeners.class);
    if (executionListeners != null) {
      // Zeebe's validators check the event types per element kind; the expressions must parse
      for (var listener : executionListeners.getExecutionListeners()) {
        checkExpression(listener, listener.getType());
        checkExpression(listener, listener.getRetries());
      }
    }
    ZeebeTaskListeners taskListeners = extension(element, ZeebeTaskListeners.class);
    if (taskListeners != null) {
      // Zeebe's validators check the event types and the user task kind; the expressions must
      // parse
      for (var listener : taskListeners.getTaskListeners()) {
        checkExpression(listener, listener.getType());
        checkExpression(listener, listener.getRetries());
      }
    }
  }

  void checkCondition(io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
    ConditionExpression condition = flow.getConditionExpression();
    if (condition == null) {
      return;
    }
    String text = condition.getTextContent();
    if (text == null || text.isBlank()) {
      errors.add(condition, "Expected expression but not found.");
      return;
    }
    checkNonStatic(condition, text);
  }

  void checkIoMapping(BaseElement element) {
    ZeebeIoMapping ioMapping = extension(element, ZeebeIoMapping.class);
    if (ioMapping == null) {
      return;
    }
    for (ZeebeInput input : ioMapping.getInputs()) {
      if (input.getSource() != null) {
        checkExpression(input, input.getSource());
      }
      checkPath(input, input.getTarget());
    }
    for (ZeebeOutput output : ioMapping.getOutputs()) {
      if (output.getSource() != null) {
        checkNonStatic(output, output.getSource());
      }
      checkPath(output, output.getTarget());
    }
  }

  void checkTaskHeaders(BaseElement element) {
    ZeebeTaskHeaders headers = extension(element, ZeebeTaskHeaders.class);
    if (headers == null) {
      return;
    }
    for (ZeebeHeader header : headers.getHeaders()) {
      String key = header.getKey();
      if (key != null && key.startsWith(JobDefinition.RESERVED_HEADER_PREFIX)) {
        errors.add(
            header,
            String.format(
                "Attribute 'key' contains '%s', but header keys starting with '%s' are reserved for internal use.",
                key, JobDefinition.RESERVED_HEADER_PREFIX));
      }
    }
  }

  /** A static value or a FEEL expression that parses. */
  void checkExpression(ModelElementInstance element, String attribute) {
    if (attribute == null) {
      return;
    }
    Expression expression = Expression.parse(attribute);
    if (expression.feel()) {
      FeelResult<Void> parsed = feel.parse(expression.source());
      if (parsed.isFailure()) {
        errors.add(element, parsed.failureMessage());
      }
    }
  }

  /** Must be a FEEL expression ({@code =...}) that parses. */
  void checkNonStatic(ModelElementInstance element, String attribute) {
    Expression expression = Expression.parse(attribute);
    if (!expression.feel()) {
      String text = attribute.strip();
      errors.add(
          element,
          String.format(
              "Expected expression but found static value '%s'. An expression must start with '=' (e.g. '=%s').",
              text, text));
      return;
    }
    checkExpression(element, attribute);
  }

  void checkPath(ModelElementInstance element, String target) {
    if (target == null || target.isEmpty()) {
      errors.add(element, "Expected path expression but not found.");
      return;
    }
    if (!PATH.matcher(target).matches()) {
      errors.add(
          element,
          String.format(
              "Expected path expression '%s' but doesn't match the pattern '%s'.", target, PATH));
    }
    if (RESERVED_PATH_WORDS.contains(target)) {
      errors.add(
          element,
          String.format(
              "Expected path expression '%s' but is one of the reserved words (%s).",
              target, String.join(", ", RESERVED_PATH_WORDS)));
    }
  }

  void checkCsv(ModelElementInstance element, String attribute) {
    if (attribute == null) {
      return;
    }
    if (Expression.parse(attribute).feel()) {
      checkExpression(element, attribute);
    } else if (FeelEvaluator.parseCsv(attribute).isFailure()) {
      errors.add(
          element,
          String.format(
              "Expected static value to be a list of comma-separated values, e.g. 'a,b,c', but found '%s'.",
              attribute));
    }
  }

  void checkDateTime(ModelElementInstance element, String attribute) {
    if (attribute == null || attribute.isEmpty()) {
      return;
    }
    if (Expression.parse(attribute).feel()) {
      checkExpression(element, attribute);
      return;
    }
    try {
      ZonedDateTime.parse(attribute);
    } catch (DateTimeParseException e) {
      errors.add(
          element,
          String.format(
              "Expected static value to be a valid DateTime String, e.g. '2023-03-02T15:35+02:00', but found '%s'.",
              attribute));
    }
  }

  void checkPriority(ModelElementInstance element, String attribute) {
    if (Expression.parse(attribute).feel()) {
      checkExpression(element, attribute);
      return;
    }
    boolean valid;
    try {
      int priority = Integer.parseInt(attribute.strip());
      valid = priority >= 0 && priority <= 100;
    } catch (NumberFormatException e) {
      valid = false;
    }
    if (!valid) {
      errors.add(
          element,
          String.format(
              "Expected static value to be a valid Number between 0 and 100, but found '%s'.",
              attribute));
    }
  }
}
