package life.suoke.ops.engine.processing.bpmn.behavior;

/** The error types of incidents, with Zeebe's names (the {@code errorType} of INCIDENT records). */
public enum ErrorType {
  /** An expression could not be evaluated, or gave a value of the wrong type or range. */
  EXTRACT_VALUE_ERROR,
  /** An input or output mapping could not be evaluated. */
  IO_MAPPING_ERROR,
  /**
   * No condition of a gateway's outgoing flows holds and there is no default flow, or one fails.
   */
  CONDITION_ERROR,
  /** The process a call activity calls is not deployed, or has no none start event. */
  CALLED_ELEMENT_ERROR,
  /** The decision a business rule task calls is not deployed. */
  CALLED_DECISION_ERROR,
  /** The decision a business rule task calls failed to evaluate. */
  DECISION_EVALUATION_ERROR,
  /** The form a user task links to is not deployed. */
  FORM_NOT_FOUND,
  /** An error was thrown that no catch event catches. */
  UNHANDLED_ERROR_EVENT,
  /** A job of a BPMN element failed with no retries left. */
  JOB_NO_RETRIES,
  /** An execution listener's job failed with no retries left. */
  EXECUTION_LISTENER_NO_RETRIES,
  /** A task listener's job failed with no retries left. */
  TASK_LISTENER_NO_RETRIES,
  /** An ad-hoc subprocess's job failed with no retries left. */
  AD_HOC_SUB_PROCESS_NO_RETRIES
}
