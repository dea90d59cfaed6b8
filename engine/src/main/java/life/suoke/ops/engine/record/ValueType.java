package life.suoke.ops.engine.record;

/** The value types of the records this engine writes, with Zeebe's names. */
public enum ValueType {
  DEPLOYMENT,
  PROCESS,
  DECISION,
  DECISION_REQUIREMENTS,
  DECISION_EVALUATION,
  FORM,
  PROCESS_INSTANCE,
  PROCESS_INSTANCE_CREATION,
  PROCESS_INSTANCE_RESULT,
  PROCESS_EVENT,
  PROCESS_INSTANCE_MODIFICATION,
  JOB,
  JOB_BATCH,
  USER_TASK,
  VARIABLE,
  VARIABLE_DOCUMENT,
  INCIDENT,
  TIMER,
  MESSAGE,
  PROCESS_MESSAGE_SUBSCRIPTION,
  MESSAGE_START_EVENT_SUBSCRIPTION,
  MESSAGE_CORRELATION,
  SIGNAL,
  SIGNAL_SUBSCRIPTION,
  ERROR,
  ESCALATION,
  COMPENSATION_SUBSCRIPTION,
  CLOCK;

  /** The index name part Zeebe's Elasticsearch exporter uses: lower case with hyphens. */
  public String indexName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
