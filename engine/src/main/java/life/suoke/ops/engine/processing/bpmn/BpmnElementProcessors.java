package life.suoke.ops.engine.processing.bpmn;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.engine.model.BpmnElementType;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnBehaviors;
import life.suoke.ops.engine.processing.bpmn.behavior.BpmnStateTransitions;
import life.suoke.ops.engine.processing.bpmn.container.AdHocInnerInstanceProcessor;
import life.suoke.ops.engine.processing.bpmn.container.AdHocSubProcessProcessor;
import life.suoke.ops.engine.processing.bpmn.container.MultiInstanceBodyProcessor;
import life.suoke.ops.engine.processing.bpmn.container.ProcessProcessor;
import life.suoke.ops.engine.processing.bpmn.container.SubProcessProcessor;
import life.suoke.ops.engine.processing.bpmn.event.IntermediateCatchEventProcessor;
import life.suoke.ops.engine.processing.bpmn.event.StartEventProcessor;
import life.suoke.ops.engine.processing.bpmn.event.ThrowEventProcessor;
import life.suoke.ops.engine.processing.bpmn.gateway.EventBasedGatewayProcessor;
import life.suoke.ops.engine.processing.bpmn.gateway.ExclusiveGatewayProcessor;
import life.suoke.ops.engine.processing.bpmn.gateway.InclusiveGatewayProcessor;
import life.suoke.ops.engine.processing.bpmn.task.BusinessRuleTaskProcessor;
import life.suoke.ops.engine.processing.bpmn.task.CallActivityProcessor;
import life.suoke.ops.engine.processing.bpmn.task.JobWorkerTaskProcessor;
import life.suoke.ops.engine.processing.bpmn.task.ReceiveTaskProcessor;
import life.suoke.ops.engine.processing.bpmn.task.ScriptTaskProcessor;
import life.suoke.ops.engine.processing.bpmn.task.UserTaskElementProcessor;

/**
 * The element processors, one per element family, by the element types they run: every type an
 * element instance can have (all but {@code SEQUENCE_FLOW}).
 */
public final class BpmnElementProcessors {

  private final Map<BpmnElementType, BpmnElementProcessor> processors =
      new EnumMap<>(BpmnElementType.class);
  private final Map<BpmnElementType, BpmnContainerProcessor> containers =
      new EnumMap<>(BpmnElementType.class);

  public BpmnElementProcessors(BpmnBehaviors behaviors, BpmnStateTransitions transitions) {
    // containers
    register(new ProcessProcessor(behaviors, transitions), BpmnElementType.PROCESS);
    register(
        new SubProcessProcessor(behaviors, transitions),
        BpmnElementType.SUB_PROCESS,
        BpmnElementType.EVENT_SUB_PROCESS);
    register(
        new MultiInstanceBodyProcessor(behaviors, transitions),
        BpmnElementType.MULTI_INSTANCE_BODY);
    register(
        new AdHocSubProcessProcessor(behaviors, transitions), BpmnElementType.AD_HOC_SUB_PROCESS);
    register(
        new AdHocInnerInstanceProcessor(behaviors, transitions),
        BpmnElementType.AD_HOC_SUB_PROCESS_INNER_INSTANCE);
    // tasks
    register(
        new JobWorkerTaskProcessor(behaviors, transitions),
        BpmnElementType.SERVICE_TASK,
        BpmnElementType.SEND_TASK);
    register(new UserTaskElementProcessor(behaviors, transitions), BpmnElementType.USER_TASK);
    register(new ScriptTaskProcessor(behaviors, transitions), BpmnElementType.SCRIPT_TASK);
    register(
        new BusinessRuleTaskProcessor(behaviors, transitions), BpmnElementType.BUSINESS_RULE_TASK);
    register(new ReceiveTaskProcessor(behaviors, transitions), BpmnElementType.RECEIVE_TASK);
    register(new CallActivityProcessor(behaviors, transitions), BpmnElementType.CALL_ACTIVITY);
    PassThroughProcessor passThrough = new PassThroughProcessor(transitions);
    register(passThrough, BpmnElementType.MANUAL_TASK, BpmnElementType.TASK);
    // gateways
    register(
        new ExclusiveGatewayProcessor(behaviors, transitions), BpmnElementType.EXCLUSIVE_GATEWAY);
    register(passThrough, BpmnElementType.PARALLEL_GATEWAY);
    register(
        new InclusiveGatewayProcessor(behaviors, transitions), BpmnElementType.INCLUSIVE_GATEWAY);
    register(
        new EventBasedGatewayProcessor(behaviors, transitions),
        BpmnElementType.EVENT_BASED_GATEWAY);
    // events
    register(new StartEventProcessor(behaviors, transitions), BpmnElementType.START_EVENT);
    register(
        new IntermediateCatchEventProcessor(behaviors, transitions),
        BpmnElementType.INTERMEDIATE_CATCH_EVENT);
    register(
        new ThrowEventProcessor(behaviors, transitions),
        BpmnElementType.INTERMEDIATE_THROW_EVENT,
        BpmnElementType.END_EVENT);
    register(passThrough, BpmnElementType.BOUNDARY_EVENT);
  }

  private void register(BpmnElementProcessor processor, BpmnElementType... types) {
    for (BpmnElementType type : types) {
      if (processors.put(type, processor) != null) {
        throw new IllegalStateException("Two processors for " + type);
      }
      if (processor instanceof BpmnContainerProcessor container) {
        containers.put(type, container);
      }
    }
  }

  /** The processor of an element type. */
  public BpmnElementProcessor get(BpmnElementType type) {
    BpmnElementProcessor processor = processors.get(type);
    if (processor == null) {
      throw new IllegalStateException("No element processor for " + type);
    }
    return processor;
  }

  /**
   * The processor of a container element type if it takes part in its children's lifecycle, else
   * null.
   */
  public BpmnContainerProcessor container(BpmnElementType type) {
    return containers.get(type);
  }

  /** The element types with a processor. */
  public Set<BpmnElementType> types() {
    return Collections.unmodifiableSet(processors.keySet());
  }
}
