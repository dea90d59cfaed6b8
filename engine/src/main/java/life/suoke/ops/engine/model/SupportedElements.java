package life.suoke.ops.engine.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** What this engine executes of BPMN: the element kinds and event definitions it supports. */
final class SupportedElements {

  static final String NOT_SUPPORTED = " is not supported by this engine yet";

  private SupportedElements() {}

  static boolean isSupportedKind(String kind) {
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
  static boolean isSupportedEventDefinition(String kind, EventDefinition definition) {
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
  static boolean isEventSubprocess(ModelElementInstance element) {
    return element instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub
        && sub.triggeredByEvent();
  }

  /** A compensation handler, or an event with a compensation event definition. */
  static boolean isCompensation(FlowElement element) {
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

  static String capitalizedArticle(String readable) {
    return "aeiou".indexOf(readable.charAt(0)) >= 0 ? "An " : "A ";
  }

  static String readable(String kind) {
    return switch (kind) {
      case "startEvent" -> "start event";
      case "endEvent" -> "end event";
      case "intermediateCatchEvent" -> "intermediate catch event";
      case "intermediateThrowEvent" -> "intermediate throw event";
      case "boundaryEvent" -> "boundary event";
      default -> kind;
    };
  }
}
