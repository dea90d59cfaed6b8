package life.suoke.ops.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.model.DeploymentRejectedException.ValidationError;
import life.suoke.ops.engine.timer.TimerSchedule;
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
 * <p>How the work is divided: this class parses and runs Zeebe's validators; {@link
 * DeploymentChecks} walks each executable process and makes the checks every element shares
 * (listeners, mappings, headers, expressions), with {@link EventChecks}, {@link TaskChecks} and
 * {@link ContainerChecks} for each family's own parts and {@link SupportedElements} for what this
 * engine executes; errors are collected by {@link TransformErrors}. {@link ProcessBuilder} then
 * builds the executable process, with {@link EventTransformation}, {@link TaskTransformation} and
 * {@link ContainerTransformation} for each family's executable parts.
 *
 * <p>Processes with {@code isExecutable="false"} are not deployed (as in Zeebe, which requires at
 * least one executable process per resource); elements inside them are not checked for support.
 */
public final class BpmnTransformer {

  private final FeelEvaluator feel;
  private final ProcessBuilder builder;

  public BpmnTransformer() {
    this(new FeelEvaluator());
  }

  /** Uses the given evaluator to check (and pre-parse) the FEEL expressions of the resource. */
  public BpmnTransformer(FeelEvaluator feel) {
    this.feel = feel;
    this.builder = new ProcessBuilder(feel);
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
    TransformErrors errors = new TransformErrors(resourceName);

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
    DeploymentChecks checker = new DeploymentChecks(errors, feel);
    checker.events.checkDefinitions(model);
    for (Process process : executable) {
      checker.check(process);
    }
    errors.throwIfAny();

    List<ExecutableProcess> processes = new ArrayList<>(executable.size());
    for (Process process : executable) {
      processes.add(builder.build(process));
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
}
