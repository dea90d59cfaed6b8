package life.suoke.ops.engine.model;

import static life.suoke.ops.engine.model.ModelElements.blankToNull;
import static life.suoke.ops.engine.model.ModelElements.extension;
import static life.suoke.ops.engine.model.ModelElements.optional;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.feel.FeelResult;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The executable parts of events: their timer, message, signal, error, escalation and compensation
 * definitions.
 */
final class EventTransformation {

  private EventTransformation() {}

  /** The message event definition of a throw event, or null. */
  static MessageEventDefinition messageDefinitionOf(ThrowEvent event) {
    for (EventDefinition definition : event.getEventDefinitions()) {
      if (definition instanceof MessageEventDefinition message) {
        return message;
      }
    }
    return null;
  }

  /**
   * The timer of a timer event definition, or null unless it has exactly one of {@code timeDate},
   * {@code timeDuration} and {@code timeCycle} (which Zeebe's validators report).
   */
  static TimerDefinition timerDefinition(TimerEventDefinition timer) {
    List<TimerDefinition> found = new ArrayList<>(1);
    addTimer(found, TimerDefinition.Kind.DATE, timer.getTimeDate());
    addTimer(found, TimerDefinition.Kind.DURATION, timer.getTimeDuration());
    addTimer(found, TimerDefinition.Kind.CYCLE, timer.getTimeCycle());
    return found.size() == 1 ? found.get(0) : null;
  }

  static void addTimer(
      List<TimerDefinition> found, TimerDefinition.Kind kind, ModelElementInstance text) {
    if (text != null) {
      // surrounding white space (e.g. from pretty-printed XML) is not part of the timer
      String content = text.getTextContent();
      found.add(
          new TimerDefinition(kind, Expression.parse(content == null ? "" : content.strip())));
    }
  }

  /** The activity a compensation boundary event is associated with (bpmn:association), or null. */
  static String compensationHandlerOf(BoundaryEvent boundary) {
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
  static void catchEventDefinition(
      FeelEvaluator feel,
      ExecutableCatchEvent element,
      EventDefinition definition,
      boolean startEvent) {
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
                  startEventName(feel, message.getMessage().getName(), "message").value())
              : messageDefinition(message.getMessage()));
    } else if (definition instanceof SignalEventDefinition signal) {
      element.setEventType(BpmnEventType.SIGNAL);
      String name = signal.getSignal().getName();
      element.setSignalDefinition(
          new SignalDefinition(
              startEvent
                  ? new Expression(startEventName(feel, name, "signal").value(), false)
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
  static void throwEventDefinition(ExecutableThrowEvent element, EventDefinition definition) {
    if (definition instanceof io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition link) {
      element.setEventType(BpmnEventType.LINK);
      element.setLinkName(link.getName());
    } else if (definition instanceof TerminateEventDefinition) {
      element.setEventType(BpmnEventType.TERMINATE);
    } else if (definition instanceof CompensateEventDefinition compensation) {
      element.setEventType(BpmnEventType.COMPENSATION);
      element.setCompensationActivityId(
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
  static MessageDefinition messageDefinition(Message message) {
    ZeebeSubscription subscription = extension(message, ZeebeSubscription.class);
    return new MessageDefinition(
        Expression.parse(message.getName()),
        subscription == null ? null : optional(subscription.getCorrelationKey()));
  }

  /**
   * Evaluates the name of a message or signal start event without variables, as Zeebe does on
   * deployment: static text is the name; FEEL must give a string. {@code what} is "message" or
   * "signal", for the failure message.
   */
  static FeelResult<String> startEventName(FeelEvaluator feel, String name, String what) {
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
}
