package life.suoke.ops.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Escalation;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.Signal;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAdHoc;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePublishMessage;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.time.DateTimeException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.model.DeploymentRejectedException.ValidationError;
import life.suoke.ops.engine.timer.TimerSchedule;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * Turns a BPMN resource into the processes the engine executes, or rejects it.
 *
 * <p>Checks, in this order, all errors being collected before rejecting:
 *
 * <ol>
 *   <li>the XML must parse as BPMN (the parser's message is reported);
 *   <li>Zeebe's design-time validators ({@link ZeebeDesignTimeValidators}) must report no error
 *       (warnings are ignored);
 *   <li>the checks Zeebe's broker makes on deployment: every FEEL expression parses, conditions are
 *       expressions ({@code =...}), output mapping sources are expressions, mapping targets are
 *       variable paths, static candidate groups/users are comma-separated lists, static dates are
 *       ISO-8601 date-times, a static priority is an integer in [0,100], task header keys do not
 *       use the reserved prefix {@code io.camunda.zeebe:}; a static timer definition is a valid
 *       date, duration or cycle ({@link TimerSchedule}) whose due date can be computed, and a FEEL
 *       timer expression of a timer start event of the process, which Zeebe evaluates on
 *       deployment, evaluates (without variables) to one; the failure is reported on the event as
 *       Zeebe does, e.g. "Invalid timer cycle expression (Cron expression contains 1 parts but we
 *       expect one of [6])";
 *   <li>the checks Zeebe's broker makes on the messages, signals, errors and escalations of the
 *       resource (all of them, as Zeebe does, not only those of executable processes): a message or
 *       signal name, error code or escalation code that is a FEEL expression parses; a {@code
 *       zeebe:subscription correlationKey} is an expression ({@code =...}) that parses; the message
 *       name of a message start event and the signal name of a signal start event of the process,
 *       which Zeebe evaluates on deployment, evaluate without variables to a string (e.g. "Expected
 *       constant expression of type String for message name '=id', but was NULL");
 *   <li>every element of an executable process must be supported by this engine: the elements of
 *       the engine README's "Supported BPMN elements" table. What is not (conditional events, a
 *       message throw event with {@code zeebe:publishMessage} instead of a job, an event subprocess
 *       or compensation inside an ad-hoc subprocess, ...) is reported as "... is not supported by
 *       this engine yet"; what Zeebe 8.8 does not execute either, its own validators reject.
 * </ol>
 *
 * <p>Zeebe's own validators already reject the timer forms its docs rule out ("Timer events"): an
 * intermediate timer catch event with a cycle ("Intermediate timer catch event must have either a
 * time duration or a time date."), an interrupting timer boundary event with a cycle ("Interrupting
 * timer event with time cycle is not allowed."), and a timer definition with other than exactly one
 * of date, duration and cycle.
 *
 * <p>They also enforce the documented rules of the other events, which this class therefore does
 * not repeat: a message, signal, error (thrown) or escalation (thrown) must be referenced and have
 * a name or code; a message of a catch event or receive task has exactly one {@code
 * zeebe:subscription} with a correlation key; message and signal names are unique among the start
 * events of a process, the boundary events of an activity (and a receive task's own message) and
 * the events after an event-based gateway; a catch event's error or escalation code is static, at
 * most one catch event per code and one catch-all per scope; error boundary events interrupt;
 * escalation boundary events are only allowed on subprocesses and call activities; a message throw
 * or end event has a {@code zeebe:taskDefinition} (or {@code zeebe:publishMessage}); an event-based
 * gateway has at least two outgoing flows, each to a message, timer or signal intermediate catch
 * event with no other incoming flow.
 *
 * <p>Event subprocesses ({@code triggeredByEvent="true"}, in the process or in an embedded
 * subprocess) are checked by Zeebe's validators as well: exactly one start event, which is a timer,
 * message, signal, error or escalation start event ("Start events in event subprocesses must be one
 * of: message, timer, error, signal or escalation"); an error start event always interrupts
 * ("Non-Interrupting event of this type is not allowed"); an interrupting timer start event has no
 * cycle; message and signal names are unique and error and escalation codes (and catch-alls) occur
 * once among the event subprocesses of a scope. Their elements are checked like those of the
 * process; error and escalation start events are supported only there.
 *
 * <p>Processes with {@code isExecutable="false"} are not deployed (as in Zeebe, which requires at
 * least one executable process per resource); elements inside them are not checked for support.
 */
public final class BpmnTransformer {

  private static final Pattern PATH =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");
  private static final List<String> RESERVED_PATH_WORDS =
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
  private static final String NOT_SUPPORTED = " is not supported by this engine yet";
  private static final String USER_TASK_RETRIES = "1";
  private static final String DEFAULT_RETRIES = "3";
  private static final String DEFAULT_PRIORITY = "50";

  private final FeelEvaluator feel;

  public BpmnTransformer() {
    this(new FeelEvaluator());
  }

  /** Uses the given evaluator to check (and pre-parse) the FEEL expressions of the resource. */
  public BpmnTransformer(FeelEvaluator feel) {
    this.feel = feel;
  }

  /**
   * Parses, validates and transforms a BPMN resource.
   *
   * @return the executable processes of the resource, in document order
   * @throws DeploymentRejectedException if the resource is not valid or uses an element this engine
   *     does not support; the message lists every error found
   */
  public List<ExecutableProcess> transform(String resourceName, byte[] bpmnXml) {
    BpmnModelInstance model = parse(resourceName, bpmnXml);
    Errors errors = new Errors(resourceName);

    ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (Map.Entry<ModelElementInstance, List<ValidationResult>> entry :
        results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          errors.add(entry.getKey(), result.getMessage());
        }
      }
    }

    List<Process> executable = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        executable.add(process);
      }
    }
    Checker checker = new Checker(errors);
    checker.checkDefinitions(model);
    for (Process process : executable) {
      checker.check(process);
    }
    errors.throwIfAny();

    List<ExecutableProcess> processes = new ArrayList<>(executable.size());
    for (Process process : executable) {
      processes.add(build(process));
    }
    return processes;
  }

  private static BpmnModelInstance parse(String resourceName, byte[] bpmnXml) {
    if (bpmnXml == null || bpmnXml.length == 0) {
      throw new DeploymentRejectedException(
          resourceName,
          List.of(
              new ValidationError(
                  resourceName,
                  null,
                  null,
                  "Expected a BPMN resource, but the resource is empty")));
    }
    try {
      return Bpmn.readModelFromStream(new ByteArrayInputStream(bpmnXml));
    } catch (RuntimeException e) {
      throw new DeploymentRejectedException(
          resourceName, List.of(new ValidationError(resourceName, null, null, parserMessage(e))));
    }
  }

  /** The most specific message in the cause chain (the parser's own, e.g. with the line number). */
  private static String parserMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }

  // ------------------------------------------------------------------ errors

  private static final class Errors {

    private record Entry(List<Integer> order, int sequence, ValidationError error) {}

    private final String resourceName;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> lines = new HashSet<>();
    private final Set<String> reportedUnsupported = new HashSet<>();

    Errors(String resourceName) {
      this.resourceName = resourceName;
    }

    void add(ModelElementInstance element, String message) {
      String id = null;
      Deque<String> path = new ArrayDeque<>();
      for (ModelElementInstance anchor = element;
          anchor != null;
          anchor = anchor.getParentElement()) {
        path.addFirst(anchor.getElementType().getTypeName());
        String anchorId = anchor.getAttributeValue("id");
        if (anchorId != null && !anchorId.isBlank()) {
          id = anchorId;
          break;
        }
      }
      String type = id != null ? String.join(" > ", path) : element.getElementType().getTypeName();
      ValidationError error = new ValidationError(resourceName, id, type, message);
      if (lines.add(error.line())) {
        entries.add(new Entry(documentOrder(element), entries.size(), error));
      }
      if (message.contains("not supported")) {
        reportedUnsupported.add(error.elementId() + "/" + type);
      }
    }

    /** Reports an unsupported element, unless Zeebe's validators already said so. */
    void addUnsupported(BaseElement element, String message) {
      String key = element.getId() + "/" + element.getElementType().getTypeName();
      if (!reportedUnsupported.contains(key)) {
        add(element, message);
      }
    }

    void throwIfAny() {
      if (entries.isEmpty()) {
        return;
      }
      entries.sort(
          Comparator.<Entry, List<Integer>>comparing(Entry::order, Errors::compareOrder)
              .thenComparingInt(Entry::sequence));
      throw new DeploymentRejectedException(
          resourceName, entries.stream().map(Entry::error).toList());
    }

    private static List<Integer> documentOrder(ModelElementInstance element) {
      Deque<Integer> order = new ArrayDeque<>();
      DomElement dom = element.getDomElement();
      while (dom != null && dom.getParentElement() != null) {
        DomElement parent = dom.getParentElement();
        order.addFirst(parent.getChildElements().indexOf(dom));
        dom = parent;
      }
      return new ArrayList<>(order);
    }

    private static int compareOrder(List<Integer> a, List<Integer> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = Integer.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
  }

  // ------------------------------------------------------------------ checks

  /** The engine's own checks on an executable process. */
  private final class Checker {

    private final Errors errors;

    Checker(Errors errors) {
      this.errors = errors;
    }

    void check(Process process) {
      checkListeners(process);
      checkIoMapping(process);
      checkFlowElements(process.getFlowElements());
    }

    private void checkFlowElements(Collection<FlowElement> elements) {
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

    private String kind(FlowNode node) {
      return node.getElementType().getTypeName();
    }

    /**
     * A script task is either a FEEL expression with a result variable, or a job (Zeebe's two
     * forms).
     */
    private void checkScriptTask(FlowNode node) {
      io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript script =
          extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript.class);
      if (script == null) {
        return; // Zeebe's validators then require a task definition
      }
      Expression expression = Expression.parse(script.getExpression());
      if (expression == null || !expression.feel()) {
        errors.add(
            node,
            "Expected the script to be a FEEL expression starting with '=', but found '"
                + script.getExpression()
                + "'");
      } else if (feel.parse(expression.source()).isFailure()) {
        errors.add(node, feel.parse(expression.source()).failureMessage());
      }
    }

    /**
     * A business rule task either evaluates a decision ({@code zeebe:calledDecision}; a FEEL
     * decision id must parse) or is a job (Zeebe's two forms; its validators require one of them).
     */
    private void checkBusinessRuleTask(FlowNode node) {
      io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision called =
          extension(node, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision.class);
      if (called == null) {
        checkTaskDefinition(node);
        return;
      }
      checkExpression(called, called.getDecisionId());
      checkExpression(called, called.getVersionTag());
    }

    private void checkFlowNode(FlowNode node) {
      String kind = node.getElementType().getTypeName();
      if (!isSupportedKind(kind)) {
        errors.addUnsupported(
            node, "Elements of type '" + kind + "' are not supported by this engine yet");
        return;
      }
      if (node instanceof CatchEvent event) {
        checkEventDefinitions(
            node, kind, event.getEventDefinitions(), event.getEventDefinitionRefs());
        boolean startEventOfProcess =
            event instanceof StartEvent && event.getParentElement() instanceof Process;
        for (EventDefinition definition : event.getEventDefinitions()) {
          if (definition instanceof TimerEventDefinition timer) {
            checkTimer(event, timer);
          } else if (startEventOfProcess
              && definition instanceof MessageEventDefinition message
              && message.getMessage() != null) {
            checkStartEventName(event, "message", message.getMessage().getName());
          } else if (startEventOfProcess
              && definition instanceof SignalEventDefinition signal
              && signal.getSignal() != null) {
            checkStartEventName(event, "signal", signal.getSignal().getName());
          }
        }
      } else if (node instanceof ThrowEvent event) {
        checkEventDefinitions(
            node, kind, event.getEventDefinitions(), event.getEventDefinitionRefs());
        MessageEventDefinition message = messageDefinitionOf(event);
        if (message != null) {
          checkMessageThrowEvent(event, message);
        }
      }
      if (node instanceof Activity activity) {
        if (activity.getLoopCharacteristics()
            instanceof MultiInstanceLoopCharacteristics multiInstance) {
          checkMultiInstance(multiInstance);
        } else if (activity.getLoopCharacteristics() != null) {
          String marker = activity.getLoopCharacteristics().getElementType().getTypeName();
          errors.addUnsupported(node, "A loop marker ('" + marker + "')" + NOT_SUPPORTED);
        }
      }
      checkListeners(node);
      checkIoMapping(node);
      checkTaskHeaders(node);
      switch (kind) {
        case "serviceTask", "sendTask" -> checkTaskDefinition(node);
        case "scriptTask" -> checkScriptTask(node);
        case "userTask" -> checkUserTask(node);
        case "businessRuleTask" -> checkBusinessRuleTask(node);
        case "adHocSubProcess" ->
            checkAdHocSubProcess((io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess) node);
        default -> {}
      }
    }

    /**
     * An ad-hoc subprocess: its active elements collection, output element and completion condition
     * are FEEL expressions that parse, its output collection is a variable name, and its job (with
     * {@code zeebe:taskDefinition}) is checked like a task's. Zeebe's validators check the rest (at
     * least one activity, no start or end events, the output collection and element together,
     * nothing a job worker decides besides the job). Event subprocesses and compensation inside it
     * are not supported by this engine.
     */
    private void checkAdHocSubProcess(io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc) {
      ZeebeAdHoc zeebeAdHoc = extension(adHoc, ZeebeAdHoc.class);
      if (zeebeAdHoc != null) {
        checkOptionalNonStatic(zeebeAdHoc, zeebeAdHoc.getActiveElementsCollection());
        checkOptionalNonStatic(zeebeAdHoc, zeebeAdHoc.getOutputElement());
        if (blankToNull(zeebeAdHoc.getOutputCollection()) != null) {
          checkPath(zeebeAdHoc, zeebeAdHoc.getOutputCollection());
        }
      }
      if (adHoc.getCompletionCondition() != null) {
        checkOptionalNonStatic(
            adHoc.getCompletionCondition(), adHoc.getCompletionCondition().getTextContent());
      }
      checkTaskDefinition(adHoc);
      checkNothingUnsupportedInside(adHoc.getFlowElements());
    }

    private void checkOptionalNonStatic(ModelElementInstance element, String attribute) {
      if (blankToNull(attribute) != null) {
        checkNonStatic(element, attribute);
      }
    }

    /** Event subprocesses and compensation, at any depth of an ad-hoc subprocess. */
    private void checkNothingUnsupportedInside(Collection<FlowElement> elements) {
      for (FlowElement element : elements) {
        if (isEventSubprocess(element)) {
          errors.addUnsupported(
              (BaseElement) element,
              "An event subprocess inside an ad-hoc subprocess" + NOT_SUPPORTED);
        } else if (isCompensation(element)) {
          errors.addUnsupported(
              (BaseElement) element, "Compensation inside an ad-hoc subprocess" + NOT_SUPPORTED);
        } else if (element instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub) {
          checkNothingUnsupportedInside(sub.getFlowElements());
        }
      }
    }

    /**
     * A multi-instance marker: Zeebe's validators require the input collection; its expressions
     * must parse, and the input element and output collection must be variable names.
     */
    private void checkMultiInstance(MultiInstanceLoopCharacteristics multiInstance) {
      ZeebeLoopCharacteristics loop = extension(multiInstance, ZeebeLoopCharacteristics.class);
      if (loop == null) {
        return; // Zeebe's validators report the missing zeebe:loopCharacteristics
      }
      if (loop.getInputCollection() != null) {
        checkNonStatic(loop, loop.getInputCollection());
      }
      if (loop.getOutputElement() != null) {
        checkNonStatic(loop, loop.getOutputElement());
      }
      if (loop.getInputElement() != null && !loop.getInputElement().isEmpty()) {
        checkPath(loop, loop.getInputElement());
      }
      if (loop.getOutputCollection() != null && !loop.getOutputCollection().isEmpty()) {
        checkPath(loop, loop.getOutputCollection());
      }
      if (multiInstance.getCompletionCondition() != null) {
        String condition = multiInstance.getCompletionCondition().getTextContent();
        if (condition != null && !condition.isBlank()) {
          checkNonStatic(multiInstance.getCompletionCondition(), condition);
        }
      }
    }

    /**
     * The event definitions of {@link #isSupportedEventDefinition} are supported; any other, and
     * any reference to a global one ({@code eventDefinitionRef}), is not.
     */
    private void checkEventDefinitions(
        FlowNode node,
        String kind,
        Collection<EventDefinition> definitions,
        Collection<EventDefinition> references) {
      Set<String> types = new LinkedHashSet<>();
      definitions.stream()
          .filter(definition -> !isSupportedEventDefinition(kind, definition))
          .forEach(definition -> types.add(definition.getElementType().getTypeName()));
      references.forEach(definition -> types.add(definition.getElementType().getTypeName()));
      for (String type : types) {
        String readable = readable(kind);
        errors.addUnsupported(
            node, capitalizedArticle(readable) + readable + " with '" + type + "'" + NOT_SUPPORTED);
      }
    }

    /**
     * The checks Zeebe makes on deployment of a timer: a FEEL expression must parse (reported on
     * the timer event definition); a static one, and any of a timer start event of the process
     * (evaluated without variables, as Zeebe does on deployment), must give a valid timer whose due
     * date can be computed (reported on the event).
     */
    private void checkTimer(CatchEvent event, TimerEventDefinition timer) {
      TimerDefinition definition = timerDefinition(timer);
      if (definition == null) {
        return; // not exactly one of date, duration, cycle: Zeebe's validators report it
      }
      Expression expression = definition.expression();
      boolean startEventOfProcess =
          event instanceof StartEvent && event.getParentElement() instanceof Process;
      if (expression.feel()) {
        FeelResult<Void> parsed = feel.parse(expression.source());
        if (parsed.isFailure()) {
          errors.add(timer, parsed.failureMessage());
          return;
        }
        if (!startEventOfProcess) {
          return; // evaluated when the event is activated, with the variables then in scope
        }
      }
      FeelResult<TimerSchedule> schedule = TimerSchedule.evaluate(definition, feel, name -> null);
      if (schedule.isFailure()) {
        errors.add(
            event, TimerSchedule.deploymentFailure(definition.kind(), schedule.failureMessage()));
        return;
      }
      try {
        schedule.value().dueDate(System.currentTimeMillis());
      } catch (ArithmeticException | DateTimeException e) {
        errors.add(
            event,
            TimerSchedule.deploymentFailure(definition.kind(), TimerSchedule.OVERFLOW_MESSAGE));
      }
    }

    /**
     * The broker's checks on the global elements of the resource: FEEL message and signal names,
     * error and escalation codes must parse, a correlation key must be a FEEL expression that
     * parses. An absent or empty value is left to Zeebe's validators, which report it where it is
     * required.
     */
    void checkDefinitions(BpmnModelInstance model) {
      for (Message message : model.getModelElementsByType(Message.class)) {
        checkExpression(message, message.getName());
      }
      for (ZeebeSubscription subscription : model.getModelElementsByType(ZeebeSubscription.class)) {
        String correlationKey = subscription.getCorrelationKey();
        if (correlationKey != null && !correlationKey.isBlank()) {
          checkNonStatic(subscription, correlationKey);
        }
      }
      for (Signal signal : model.getModelElementsByType(Signal.class)) {
        checkExpression(signal, signal.getName());
      }
      for (io.camunda.zeebe.model.bpmn.instance.Error error :
          model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Error.class)) {
        checkExpression(error, error.getErrorCode());
      }
      for (Escalation escalation : model.getModelElementsByType(Escalation.class)) {
        checkExpression(escalation, escalation.getEscalationCode());
      }
    }

    /**
     * Zeebe evaluates the message name of a message start event and the signal name of a signal
     * start event of the process on deployment, without variables: it must give a string. Reported
     * on the start event with Zeebe's wording.
     */
    private void checkStartEventName(CatchEvent event, String what, String name) {
      if (name == null || name.isEmpty()) {
        return; // Zeebe's validators report the missing name
      }
      FeelResult<String> evaluated = startEventName(name, what);
      if (evaluated.isFailure()) {
        errors.add(event, evaluated.failureMessage());
      }
    }

    /**
     * A message throw or end event is job-based: it needs a {@code zeebe:taskDefinition} (Zeebe's
     * validators require it or a {@code zeebe:publishMessage}); a {@code zeebe:publishMessage}
     * without job is not supported by this engine.
     */
    private void checkMessageThrowEvent(ThrowEvent event, MessageEventDefinition message) {
      boolean publishMessage = extension(message, ZeebePublishMessage.class) != null;
      if (publishMessage && extension(event, ZeebeTaskDefinition.class) == null) {
        String readable = readable(event.getElementType().getTypeName());
        errors.addUnsupported(
            event,
            capitalizedArticle(readable)
                + readable
                + " with 'zeebe:publishMessage' (instead of a 'zeebe:taskDefinition')"
                + NOT_SUPPORTED);
      }
      checkTaskDefinition(event);
    }

    private void checkListeners(BaseElement element) {
      ZeebeExecutionListeners executionListeners =
          extension(element, ZeebeExecutionListeners.class);
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

    private void checkCondition(io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
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

    private void checkIoMapping(BaseElement element) {
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

    private void checkTaskHeaders(BaseElement element) {
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

    private void checkTaskDefinition(FlowNode node) {
      ZeebeTaskDefinition definition = extension(node, ZeebeTaskDefinition.class);
      if (definition == null) {
        return; // Zeebe's validators report the missing task definition
      }
      checkExpression(definition, definition.getType());
      checkExpression(definition, definition.getRetries());
    }

    private void checkUserTask(FlowNode node) {
      ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
      if (assignment != null) {
        checkExpression(assignment, assignment.getAssignee());
        checkCsv(assignment, assignment.getCandidateGroups());
        checkCsv(assignment, assignment.getCandidateUsers());
      }
      ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
      if (schedule != null) {
        checkDateTime(schedule, schedule.getDueDate());
        checkDateTime(schedule, schedule.getFollowUpDate());
      }
      ZeebePriorityDefinition priority = extension(node, ZeebePriorityDefinition.class);
      if (priority != null && priority.getPriority() != null) {
        checkPriority(priority, priority.getPriority());
      }
      ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
      if (form != null) {
        checkExpression(form, form.getExternalReference());
        checkExpression(form, form.getFormId());
      }
    }

    // -------------------------------------------------------------- expression checks

    /** A static value or a FEEL expression that parses. */
    private void checkExpression(ModelElementInstance element, String attribute) {
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
    private void checkNonStatic(ModelElementInstance element, String attribute) {
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

    private void checkPath(ModelElementInstance element, String target) {
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

    private void checkCsv(ModelElementInstance element, String attribute) {
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

    private void checkDateTime(ModelElementInstance element, String attribute) {
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

    private void checkPriority(ModelElementInstance element, String attribute) {
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

  private static boolean isSupportedKind(String kind) {
    return switch (kind) {
      case "startEvent",
          "endEvent",
          "intermediateCatchEvent",
          "intermediateThrowEvent",
          "boundaryEvent",
          "serviceTask",
          "sendTask",
          "userTask",
          "manualTask",
          "task",
          "receiveTask",
          "exclusiveGateway",
          "parallelGateway",
          "eventBasedGateway",
          "subProcess",
          "scriptTask",
          "callActivity",
          "inclusiveGateway",
          "businessRuleTask",
          "adHocSubProcess" ->
          true;
      default -> false;
    };
  }

  /**
   * Start events of the process: timer, message, signal; start events of an event subprocess also
   * error and escalation (Zeebe's validators reject the other kinds). Intermediate catch events:
   * timer, message, signal. Boundary events: timer, message, signal, error, escalation.
   * Intermediate throw events: message (job-based), signal, escalation. End events: terminate,
   * message (job-based), signal, error, escalation. Boundary, intermediate throw and end events:
   * also compensation. Not yet: conditional.
   */
  private static boolean isSupportedEventDefinition(String kind, EventDefinition definition) {
    return switch (kind) {
      case "startEvent" ->
          definition instanceof TimerEventDefinition
              || definition instanceof MessageEventDefinition
              || definition instanceof SignalEventDefinition
              || (definition instanceof ErrorEventDefinition
                      || definition instanceof EscalationEventDefinition)
                  && isEventSubprocess(definition.getParentElement().getParentElement());
      case "intermediateCatchEvent" ->
          definition instanceof TimerEventDefinition
              || definition instanceof MessageEventDefinition
              || definition instanceof SignalEventDefinition
              || definition instanceof io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
      case "boundaryEvent" ->
          definition instanceof TimerEventDefinition
              || definition instanceof MessageEventDefinition
              || definition instanceof SignalEventDefinition
              || definition instanceof ErrorEventDefinition
              || definition instanceof EscalationEventDefinition
              || definition instanceof CompensateEventDefinition;
      case "intermediateThrowEvent" ->
          definition instanceof CompensateEventDefinition
              || definition instanceof MessageEventDefinition
              || definition instanceof SignalEventDefinition
              || definition instanceof EscalationEventDefinition
              || definition instanceof io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
      case "endEvent" ->
          definition instanceof CompensateEventDefinition
              || definition instanceof TerminateEventDefinition
              || definition instanceof MessageEventDefinition
              || definition instanceof SignalEventDefinition
              || definition instanceof ErrorEventDefinition
              || definition instanceof EscalationEventDefinition;
      default -> false;
    };
  }

  /**
   * Whether a model element is an event subprocess ({@code <subProcess triggeredByEvent="true">}).
   */
  private static boolean isEventSubprocess(ModelElementInstance element) {
    return element instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub
        && sub.triggeredByEvent();
  }

  /** A compensation handler, or an event with a compensation event definition. */
  private static boolean isCompensation(FlowElement element) {
    if (element instanceof Activity activity) {
      return activity.isForCompensation();
    }
    Collection<EventDefinition> definitions =
        element instanceof CatchEvent catchEvent
            ? catchEvent.getEventDefinitions()
            : element instanceof ThrowEvent throwEvent
                ? throwEvent.getEventDefinitions()
                : List.of();
    return definitions.stream().anyMatch(CompensateEventDefinition.class::isInstance);
  }

  private static String capitalizedArticle(String readable) {
    return "aeiou".indexOf(readable.charAt(0)) >= 0 ? "An " : "A ";
  }

  /** The message event definition of a throw event, or null. */
  private static MessageEventDefinition messageDefinitionOf(ThrowEvent event) {
    for (EventDefinition definition : event.getEventDefinitions()) {
      if (definition instanceof MessageEventDefinition message) {
        return message;
      }
    }
    return null;
  }

  /**
   * Evaluates the name of a message or signal start event without variables, as Zeebe does on
   * deployment: static text is the name; FEEL must give a string. {@code what} is "message" or
   * "signal", for the failure message.
   */
  private FeelResult<String> startEventName(String name, String what) {
    Expression expression = Expression.parse(name);
    if (!expression.feel()) {
      return FeelResult.success(name);
    }
    FeelResult<FeelEvaluator.Typed> result = feel.evaluateTyped(expression, variable -> null);
    if (result.isFailure()) {
      return FeelResult.failure(
          String.format(
              "Expected constant expression but found '%s', which could not be evaluated without context: %s",
              name, result.failureMessage()));
    }
    if (!"STRING".equals(result.value().type())) {
      return FeelResult.failure(
          String.format(
              "Expected constant expression of type String for %s name '%s', but was %s",
              what, name, result.value().type()));
    }
    return FeelResult.success((String) result.value().value());
  }

  private static String readable(String kind) {
    return switch (kind) {
      case "startEvent" -> "start event";
      case "endEvent" -> "end event";
      case "intermediateCatchEvent" -> "intermediate catch event";
      case "intermediateThrowEvent" -> "intermediate throw event";
      case "boundaryEvent" -> "boundary event";
      default -> kind;
    };
  }

  /**
   * The timer of a timer event definition, or null unless it has exactly one of {@code timeDate},
   * {@code timeDuration} and {@code timeCycle} (which Zeebe's validators report).
   */
  private static TimerDefinition timerDefinition(TimerEventDefinition timer) {
    List<TimerDefinition> found = new ArrayList<>(1);
    addTimer(found, TimerDefinition.Kind.DATE, timer.getTimeDate());
    addTimer(found, TimerDefinition.Kind.DURATION, timer.getTimeDuration());
    addTimer(found, TimerDefinition.Kind.CYCLE, timer.getTimeCycle());
    return found.size() == 1 ? found.get(0) : null;
  }

  private static void addTimer(
      List<TimerDefinition> found, TimerDefinition.Kind kind, ModelElementInstance text) {
    if (text != null) {
      // surrounding white space (e.g. from pretty-printed XML) is not part of the timer
      String content = text.getTextContent();
      found.add(
          new TimerDefinition(kind, Expression.parse(content == null ? "" : content.strip())));
    }
  }

  // ------------------------------------------------------------------ building

  private ExecutableProcess build(Process process) {
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
  private void collect(
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

  /**
   * The element of an ad-hoc subprocess's inner instances: Zeebe's {@code <id>#innerInstance}, the
   * flow scope of the subprocess's elements.
   */
  private static ExecutableElement adHocInnerInstance(ExecutableElement adHoc) {
    ExecutableElement innerInstance =
        new ExecutableElement(
            adHoc.id() + AdHocSubProcess.INNER_INSTANCE_ID_POSTFIX,
            null,
            BpmnElementType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);
    innerInstance.setFlowScopeId(adHoc.id());
    return innerInstance;
  }

  /**
   * An ad-hoc subprocess's definition, once its elements are built. The elements it can activate
   * are those without incoming sequence flows, other than boundary events (Zeebe's rule; its
   * validators allow no start or end events and this engine no event subprocesses here).
   */
  private static AdHocSubProcess adHocSubProcess(
      io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess adHoc,
      ExecutableElement innerInstance,
      ExecutableProcess executable) {
    ZeebeAdHoc zeebeAdHoc = extension(adHoc, ZeebeAdHoc.class);
    Set<String> flowTargets = new HashSet<>();
    for (FlowElement element : adHoc.getFlowElements()) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flowTargets.add(flow.getTarget().getId());
      }
    }
    Map<String, ExecutableElement> activatable = new LinkedHashMap<>();
    List<Map<String, Object>> metadata = new ArrayList<>();
    for (FlowElement element : adHoc.getFlowElements()) {
      if (element instanceof FlowNode node
          && !(node instanceof BoundaryEvent)
          && !flowTargets.contains(node.getId())) {
        activatable.put(node.getId(), executable.element(node.getId()));
        metadata.add(adHocElementMetadata(node));
      }
    }
    String condition =
        adHoc.getCompletionCondition() == null
            ? null
            : blankToNull(adHoc.getCompletionCondition().getTextContent());
    return new AdHocSubProcess(
        zeebeAdHoc == null ? null : optional(zeebeAdHoc.getActiveElementsCollection()),
        condition == null ? null : Expression.parse(condition),
        adHoc.isCancelRemainingInstances(),
        zeebeAdHoc == null ? null : blankToNull(zeebeAdHoc.getOutputCollection()),
        zeebeAdHoc == null ? null : optional(zeebeAdHoc.getOutputElement()),
        innerInstance,
        java.util.Collections.unmodifiableMap(activatable),
        List.copyOf(metadata));
  }

  /**
   * An element's entry of {@code adHocSubProcessElements}: its id, and its name, documentation and
   * {@code zeebe:properties} where it has them (Zeebe leaves out empty ones).
   */
  private static Map<String, Object> adHocElementMetadata(FlowNode node) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("elementId", node.getId());
    if (blankToNull(node.getName()) != null) {
      entry.put("elementName", node.getName());
    }
    String documentation =
        node.getDocumentations().stream()
            .map(ModelElementInstance::getTextContent)
            .findFirst()
            .orElse(null);
    if (blankToNull(documentation) != null) {
      entry.put("documentation", documentation);
    }
    ZeebeProperties properties = extension(node, ZeebeProperties.class);
    if (properties != null && !properties.getProperties().isEmpty()) {
      Map<String, String> values = new LinkedHashMap<>();
      for (ZeebeProperty property : properties.getProperties()) {
        values.put(property.getName(), property.getValue() == null ? "" : property.getValue());
      }
      entry.put("properties", values);
    }
    return entry;
  }

  /**
   * The element the process addresses by the node's id: the node itself, or for a multi-instance
   * activity a {@link BpmnElementType#MULTI_INSTANCE_BODY} with the same id wrapping it (the body
   * takes the sequence flows and boundary events; the inner activity keeps the rest).
   */
  private static ExecutableElement multiInstanceBody(FlowNode node, ExecutableElement built) {
    if (!(node instanceof Activity activity)
        || !(activity.getLoopCharacteristics()
            instanceof MultiInstanceLoopCharacteristics multiInstance)) {
      return built;
    }
    ZeebeLoopCharacteristics loop = extension(multiInstance, ZeebeLoopCharacteristics.class);
    String condition =
        multiInstance.getCompletionCondition() == null
            ? null
            : blankToNull(multiInstance.getCompletionCondition().getTextContent());
    LoopCharacteristics characteristics =
        new LoopCharacteristics(
            multiInstance.isSequential(),
            Expression.parse(loop.getInputCollection()),
            blankToNull(loop.getInputElement()),
            blankToNull(loop.getOutputCollection()),
            optional(loop.getOutputElement()),
            condition == null ? null : Expression.parse(condition));
    ExecutableElement body =
        new ExecutableElement(built.id(), built.name(), BpmnElementType.MULTI_INSTANCE_BODY);
    body.setFlowScopeId(built.flowScopeId());
    body.setMultiInstance(characteristics, built);
    return body;
  }

  private ExecutableElement buildElement(FlowNode node) {
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
        catchEventDefinition(element, definition, startEvent);
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

  /** The activity a compensation boundary event is associated with (bpmn:association), or null. */
  private static String compensationHandlerOf(BoundaryEvent boundary) {
    for (io.camunda.zeebe.model.bpmn.instance.Association association :
        boundary
            .getModelInstance()
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Association.class)) {
      if (association.getSource() == boundary
          && association.getTarget() instanceof Activity handler) {
        return handler.getId();
      }
    }
    return null;
  }

  /** The definition of a start, intermediate catch or boundary event. */
  private void catchEventDefinition(
      ExecutableElement element, EventDefinition definition, boolean startEvent) {
    if (definition instanceof io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition link) {
      element.setEventType(BpmnEventType.LINK);
      element.setLinkName(link.getName());
      return;
    }
    if (definition instanceof TimerEventDefinition timer) {
      element.setEventType(BpmnEventType.TIMER);
      element.setTimerDefinition(timerDefinition(timer));
    } else if (definition instanceof MessageEventDefinition message) {
      element.setEventType(BpmnEventType.MESSAGE);
      element.setMessageDefinition(
          startEvent
              ? MessageDefinition.startEvent(
                  startEventName(message.getMessage().getName(), "message").value())
              : messageDefinition(message.getMessage()));
    } else if (definition instanceof SignalEventDefinition signal) {
      element.setEventType(BpmnEventType.SIGNAL);
      String name = signal.getSignal().getName();
      element.setSignalDefinition(
          new SignalDefinition(
              startEvent
                  ? new Expression(startEventName(name, "signal").value(), false)
                  : Expression.parse(name)));
    } else if (definition instanceof ErrorEventDefinition error) {
      element.setEventType(BpmnEventType.ERROR);
      String code = error.getError() == null ? null : blankToNull(error.getError().getErrorCode());
      element.setErrorDefinition(
          new ErrorDefinition(code == null ? null : new Expression(code, false)));
    } else if (definition instanceof CompensateEventDefinition) {
      element.setEventType(BpmnEventType.COMPENSATION);
    } else if (definition instanceof EscalationEventDefinition escalation) {
      element.setEventType(BpmnEventType.ESCALATION);
      String code =
          escalation.getEscalation() == null
              ? null
              : blankToNull(escalation.getEscalation().getEscalationCode());
      element.setEscalationDefinition(
          new EscalationDefinition(code == null ? null : new Expression(code, false)));
    }
  }

  /**
   * The definition of an intermediate throw or end event; a message one gets its job in
   * buildElement.
   */
  private static void throwEventDefinition(ExecutableElement element, EventDefinition definition) {
    if (definition instanceof io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition link) {
      element.setEventType(BpmnEventType.LINK);
      element.setLinkName(link.getName());
    } else if (definition instanceof TerminateEventDefinition) {
      element.setEventType(BpmnEventType.TERMINATE);
    } else if (definition instanceof CompensateEventDefinition compensation) {
      element.setEventType(BpmnEventType.COMPENSATION);
      element.setCompensationTargetId(
          compensation.getActivity() == null ? null : compensation.getActivity().getId());
    } else if (definition instanceof MessageEventDefinition) {
      element.setEventType(BpmnEventType.MESSAGE);
    } else if (definition instanceof SignalEventDefinition signal) {
      element.setEventType(BpmnEventType.SIGNAL);
      element.setSignalDefinition(
          new SignalDefinition(Expression.parse(signal.getSignal().getName())));
    } else if (definition instanceof ErrorEventDefinition error) {
      element.setEventType(BpmnEventType.ERROR);
      element.setErrorDefinition(
          new ErrorDefinition(Expression.parse(error.getError().getErrorCode())));
    } else if (definition instanceof EscalationEventDefinition escalation) {
      element.setEventType(BpmnEventType.ESCALATION);
      element.setEscalationDefinition(
          new EscalationDefinition(
              Expression.parse(escalation.getEscalation().getEscalationCode())));
    }
  }

  /**
   * The message of a catch event or receive task: its name and its subscription's correlation key.
   */
  private static MessageDefinition messageDefinition(Message message) {
    ZeebeSubscription subscription = extension(message, ZeebeSubscription.class);
    return new MessageDefinition(
        Expression.parse(message.getName()),
        subscription == null ? null : optional(subscription.getCorrelationKey()));
  }

  /** {@code zeebe:executionListeners}, in modelling order (retries default to 3, as for tasks). */
  private static List<ExecutionListener> executionListeners(BaseElement element) {
    ZeebeExecutionListeners listeners = extension(element, ZeebeExecutionListeners.class);
    if (listeners == null) {
      return List.of();
    }
    List<ExecutionListener> result = new ArrayList<>();
    for (var listener : listeners.getExecutionListeners()) {
      String retries =
          listener.getRetries() == null || listener.getRetries().isBlank()
              ? DEFAULT_RETRIES
              : listener.getRetries();
      ExecutionListener.EventType eventType =
          listener.getEventType()
                  == io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListenerEventType.end
              ? ExecutionListener.EventType.END
              : ExecutionListener.EventType.START;
      result.add(
          new ExecutionListener(
              eventType, Expression.parse(listener.getType()), Expression.parse(retries)));
    }
    return result;
  }

  /** {@code zeebe:taskListeners}, in modelling order (retries default to 3, as for tasks). */
  private static List<TaskListener> taskListeners(BaseElement element) {
    ZeebeTaskListeners listeners = extension(element, ZeebeTaskListeners.class);
    if (listeners == null) {
      return List.of();
    }
    List<TaskListener> result = new ArrayList<>();
    for (var listener : listeners.getTaskListeners()) {
      String retries =
          listener.getRetries() == null || listener.getRetries().isBlank()
              ? DEFAULT_RETRIES
              : listener.getRetries();
      if (listener.getEventType() == null) {
        continue;
      }
      result.add(
          new TaskListener(
              taskListenerEventType(listener.getEventType()),
              Expression.parse(listener.getType()),
              Expression.parse(retries)));
    }
    return result;
  }

  /** Zeebe 8.8's event type names, and the deprecated ones it still accepts. */
  private static TaskListener.EventType taskListenerEventType(
      io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType type) {
    if (type == null) {
      return null; // Zeebe's validators reject it
    }
    return switch (type) {
      case create, creating -> TaskListener.EventType.CREATING;
      case assignment, assigning -> TaskListener.EventType.ASSIGNING;
      case update, updating -> TaskListener.EventType.UPDATING;
      case complete, completing -> TaskListener.EventType.COMPLETING;
      case cancel, canceling -> TaskListener.EventType.CANCELING;
    };
  }

  /**
   * {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders}: the job of a task or message throw
   * event.
   */
  private static JobDefinition jobDefinition(FlowNode node, Map<String, String> headers) {
    ZeebeTaskDefinition definition = extension(node, ZeebeTaskDefinition.class);
    String retries =
        definition.getRetries() == null || definition.getRetries().isBlank()
            ? DEFAULT_RETRIES
            : definition.getRetries();
    return new JobDefinition(
        Expression.parse(definition.getType()), Expression.parse(retries), headers);
  }

  private static UserTaskDefinition camundaUserTask(FlowNode node) {
    ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority = extension(node, ZeebePriorityDefinition.class);
    ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
    String priorityValue = priority == null ? null : blankToNull(priority.getPriority());
    return new UserTaskDefinition(
        assignment == null ? null : optional(assignment.getAssignee()),
        assignment == null ? null : optional(assignment.getCandidateGroups()),
        assignment == null ? null : optional(assignment.getCandidateUsers()),
        schedule == null ? null : optional(schedule.getDueDate()),
        schedule == null ? null : optional(schedule.getFollowUpDate()),
        Expression.parse(priorityValue == null ? DEFAULT_PRIORITY : priorityValue),
        form == null ? null : blankToNull(form.getFormKey()),
        linkedForm(form),
        form == null ? null : optional(form.getExternalReference()));
  }

  /**
   * The deployed form that {@code zeebe:formDefinition formId} links a user task of either kind to,
   * or null.
   */
  private static LinkedForm linkedForm(ZeebeFormDefinition form) {
    String formId = form == null ? null : blankToNull(form.getFormId());
    if (formId == null) {
      return null;
    }
    String bindingType = form.getBindingType() == null ? "latest" : form.getBindingType().name();
    return new LinkedForm(Expression.parse(formId), bindingType, blankToNull(form.getVersionTag()));
  }

  /**
   * A user task without {@code zeebe:userTask}: a job of type {@code io.camunda.zeebe:userTask}
   * with 1 retry, whose assignment, schedule and form key (a custom one, or the key of the linked
   * form found when the job is created) travel as reserved headers.
   */
  private static JobDefinition jobWorkerUserTask(FlowNode node, Map<String, String> taskHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(taskHeaders);
    Map<String, Expression> expressions = new LinkedHashMap<>();
    ZeebeAssignmentDefinition assignment = extension(node, ZeebeAssignmentDefinition.class);
    if (assignment != null) {
      userTaskHeader(JobDefinition.ASSIGNEE_HEADER, assignment.getAssignee(), headers, expressions);
      userTaskHeader(
          JobDefinition.CANDIDATE_GROUPS_HEADER,
          assignment.getCandidateGroups(),
          headers,
          expressions);
      userTaskHeader(
          JobDefinition.CANDIDATE_USERS_HEADER,
          assignment.getCandidateUsers(),
          headers,
          expressions);
    }
    ZeebeTaskSchedule schedule = extension(node, ZeebeTaskSchedule.class);
    if (schedule != null) {
      userTaskHeader(JobDefinition.DUE_DATE_HEADER, schedule.getDueDate(), headers, expressions);
      userTaskHeader(
          JobDefinition.FOLLOW_UP_DATE_HEADER, schedule.getFollowUpDate(), headers, expressions);
    }
    ZeebeFormDefinition form = extension(node, ZeebeFormDefinition.class);
    if (form != null && blankToNull(form.getFormKey()) != null) {
      headers.put(JobDefinition.FORM_KEY_HEADER, form.getFormKey());
    }
    return new JobDefinition(
        new Expression(JobDefinition.USER_TASK_JOB_TYPE, false),
        new Expression(USER_TASK_RETRIES, false),
        headers,
        expressions,
        linkedForm(form));
  }

  /**
   * A static value is resolved now, as Zeebe would at activation; a FEEL one is kept to evaluate.
   */
  private static void userTaskHeader(
      String header,
      String attribute,
      Map<String, String> headers,
      Map<String, Expression> expressions) {
    Expression expression = optional(attribute);
    if (expression == null) {
      return;
    }
    if (expression.feel()) {
      expressions.put(header, expression);
      return;
    }
    String value =
        switch (header) {
          case JobDefinition.CANDIDATE_GROUPS_HEADER, JobDefinition.CANDIDATE_USERS_HEADER ->
              FeelEvaluator.toJsonList(FeelEvaluator.parseCsv(attribute).value());
          case JobDefinition.DUE_DATE_HEADER, JobDefinition.FOLLOW_UP_DATE_HEADER ->
              ZonedDateTime.parse(attribute).toString();
          default -> attribute;
        };
    headers.put(header, value);
  }

  private static void addMappings(BaseElement source, ExecutableElement element) {
    ZeebeIoMapping ioMapping = extension(source, ZeebeIoMapping.class);
    if (ioMapping == null) {
      return;
    }
    ioMapping.getInputs().forEach(input -> element.inputMappings().add(mapping(input)));
    ioMapping.getOutputs().forEach(output -> element.outputMappings().add(mapping(output)));
  }

  /** A mapping without a source maps {@code null} to its target (Camunda 8 docs, "Variables"). */
  private static Mapping mapping(ZeebeMapping mapping) {
    String source = mapping.getSource();
    Expression expression =
        source == null || source.isBlank() ? Expression.feel("null") : Expression.parse(source);
    return new Mapping(expression, mapping.getTarget().strip());
  }

  private static Map<String, String> taskHeaders(BaseElement element) {
    ZeebeTaskHeaders taskHeaders = extension(element, ZeebeTaskHeaders.class);
    if (taskHeaders == null) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (ZeebeHeader header : taskHeaders.getHeaders()) {
      if (header.getKey() != null) {
        headers.put(header.getKey(), header.getValue() == null ? "" : header.getValue());
      }
    }
    return headers;
  }

  private static <T extends ModelElementInstance> T extension(BaseElement element, Class<T> type) {
    ExtensionElements extensionElements = element.getExtensionElements();
    if (extensionElements == null) {
      return null;
    }
    Collection<T> found = extensionElements.getChildElementsByType(type);
    return found.isEmpty() ? null : found.iterator().next();
  }

  /** An optional attribute: absent or empty means "not set". */
  private static Expression optional(String attribute) {
    return attribute == null || attribute.isBlank() ? null : Expression.parse(attribute);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
