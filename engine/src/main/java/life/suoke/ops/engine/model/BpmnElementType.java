package life.suoke.ops.engine.model;

/** The BPMN element types with Zeebe's names (as they appear in records and in the APIs). */
public enum BpmnElementType {
  PROCESS,
  START_EVENT,
  END_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  USER_TASK,
  MANUAL_TASK,
  TASK,
  RECEIVE_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  EVENT_BASED_GATEWAY,
  SEQUENCE_FLOW,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  /** An embedded subprocess with the ad-hoc marker ({@code bpmn:adHocSubProcess}). */
  AD_HOC_SUB_PROCESS,
  /**
   * The container an ad-hoc subprocess creates for each element it activates; the activated element
   * and the flow that follows it run inside. Its id is the subprocess's id followed by {@code
   * #innerInstance}.
   */
  AD_HOC_SUB_PROCESS_INNER_INSTANCE,
  SCRIPT_TASK,
  CALL_ACTIVITY,
  /**
   * The container of the inner instances of a multi-instance activity; it has the activity's id.
   */
  MULTI_INSTANCE_BODY,
  INCLUSIVE_GATEWAY,
  BUSINESS_RULE_TASK;

  /**
   * Whether elements of this type are BPMN events (they have an event type other than UNSPECIFIED).
   */
  public boolean isEvent() {
    return this == START_EVENT
        || this == END_EVENT
        || this == INTERMEDIATE_CATCH_EVENT
        || this == INTERMEDIATE_THROW_EVENT
        || this == BOUNDARY_EVENT;
  }
}
