package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.EventTransformation.timerDefinition;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.SupportedElements.NOT_SUPPORTED;
import static life.suoke.ops.engine.model.SupportedElements.capitalizedArticle;
import static life.suoke.ops.engine.model.SupportedElements.isSupportedEventDefinition;
import static life.suoke.ops.engine.model.SupportedElements.readable;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Escalation;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.Signal;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePublishMessage;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.time.DateTimeException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import life.suoke.ops.engine.timer.TimerSchedule;

/**
 * The broker's deployment checks of events and of the resource's messages, signals, errors and
 * escalations.
 */
final class EventChecks {

  private final DeploymentChecks checks;
  private final TransformErrors errors;
  private final FeelEvaluator feel;

  EventChecks(DeploymentChecks checks) {
    this.checks = checks;
    this.errors = checks.errors;
    this.feel = checks.feel;
  }

  /**
   * The event definitions of {@link SupportedElements#isSupportedEventDefinition} are supported;
   * any other, and any reference to a global one ({@code eventDefinitionRef}), is not.
   */
  void checkEventDefinitions(
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
   * The checks Zeebe makes on deployment of a timer: a FEEL expression must parse (reported on the
   * timer event definition); a static one, and any of a timer start event of the process (evaluated
   * without variables, as Zeebe does on deployment), must give a valid timer whose due date can be
   * computed (reported on the event).
   */
  void checkTimer(CatchEvent event, TimerEventDefinition timer) {
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
   * error and escalation codes must parse, a correlation key must be a FEEL expression that parses.
   * An absent or empty value is left to Zeebe's validators, which report it where it is required.
   */
  void checkDefinitions(BpmnModelInstance model) {
    for (Message message : model.getModelElementsByType(Message.class)) {
      checks.checkExpression(message, message.getName());
    }
    for (ZeebeSubscription subscription : model.getModelElementsByType(ZeebeSubscription.class)) {
      String correlationKey = subscription.getCorrelationKey();
      if (correlationKey != null && !correlationKey.isBlank()) {
        checks.checkNonStatic(subscription, correlationKey);
      }
    }
    for (Signal signal : model.getModelElementsByType(Signal.class)) {
      checks.checkExpression(signal, signal.getName());
    }
    for (io.camunda.zeebe.model.bpmn.instance.Error error :
        model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Error.class)) {
      checks.checkExpression(error, error.getErrorCode());
    }
    for (Escalation escalation : model.getModelElementsByType(Escalation.class)) {
      checks.checkExpression(escalation, escalation.getEscalationCode());
    }
  }

  /**
   * Zeebe evaluates the message name of a message start event and the signal name of a signal start
   * event of the process on deployment, without variables: it must give a string. Reported on the
   * start event with Zeebe's wording.
   */
  void checkStartEventName(CatchEvent event, String what, String name) {
    if (name == null || name.isEmpty()) {
      return; // Zeebe's validators report the missing name
    }
    FeelResult<String> evaluated = EventTransformation.startEventName(feel, name, what);
    if (evaluated.isFailure()) {
      errors.add(event, evaluated.failureMessage());
    }
  }

  /**
   * A message throw or end event is job-based: it needs a {@code zeebe:taskDefinition} (Zeebe's
   * validators require it or a {@code zeebe:publishMessage}); a {@code zeebe:publishMessage}
   * without job is not supported by this engine.
   */
  void checkMessageThrowEvent(ThrowEvent event, MessageEventDefinition message) {
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
    checks.tasks.checkTaskDefinition(event);
  }
}
