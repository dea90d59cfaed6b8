package life.suoke.ops.processes.oncall;

/**
 * Ids, job types, headers, forms and variable names of {@code oncall/on-call-handover.bpmn}: at a
 * change of shift the outgoing person writes the handover (prefilled by {@link #JOB_PREFILL}), the
 * incoming person acknowledges it; either not done in time is escalated to {@link
 * #VAR_MANAGER_GROUP} (by default {@link #OPERATIONS_MANAGERS_GROUP}) without taking the task away;
 * {@link #JOB_RECORD} keeps each step in the handover record.
 */
public final class OnCallHandoverProcess {

  public static final String RESOURCE = "oncall/on-call-handover.bpmn";
  public static final String WRITE_FORM_RESOURCE = "oncall/on-call-handover-write.form";
  public static final String ACKNOWLEDGE_FORM_RESOURCE = "oncall/on-call-handover-acknowledge.form";
  public static final String PROCESS_ID = "on-call-handover";

  /** The group told about a handover that is late; seeded by the handover migration. */
  public static final String OPERATIONS_MANAGERS_GROUP = "operations-managers";

  // ---- user tasks and their forms
  /**
   * The outgoing person writes: assignee {@link #VAR_OUTGOING_USER}, due {@link #VAR_WRITE_DUE}.
   */
  public static final String WRITE_TASK = "WriteHandover";

  /**
   * The incoming person acknowledges: assignee {@link #VAR_INCOMING_USER}, due {@link
   * #VAR_ACKNOWLEDGE_WITHIN} after it opens.
   */
  public static final String ACKNOWLEDGE_TASK = "AcknowledgeHandover";

  public static final String WRITE_FORM = "on-call-handover-write";
  public static final String ACKNOWLEDGE_FORM = "on-call-handover-acknowledge";

  // ---- job types
  /**
   * Gathers what the next shift must know (open incidents with their SLA state, active and coming
   * silences and maintenance windows, recent alerts) into the record; answers {@link #VAR_SUMMARY}
   * (Markdown for the forms) and {@link #VAR_PLANNED_CHANGES} (the writer's starting text).
   */
  public static final String JOB_PREFILL = "oncall.handover.prefill";

  /**
   * Keeps a step in the record: header {@link #HEADER_STAGE} {@link #STAGE_WRITTEN} or {@link
   * #STAGE_ACKNOWLEDGED}.
   */
  public static final String JOB_RECORD = "oncall.handover.record";

  /**
   * Tells {@link #VAR_MANAGER_GROUP} that a step is late: header {@link #HEADER_STAGE} {@link
   * #STAGE_WRITE} or {@link #STAGE_ACKNOWLEDGE}.
   */
  public static final String JOB_ESCALATE = "oncall.handover.escalate";

  public static final String HEADER_STAGE = "stage";
  public static final String STAGE_WRITTEN = "written";
  public static final String STAGE_ACKNOWLEDGED = "acknowledged";
  public static final String STAGE_WRITE = "write";
  public static final String STAGE_ACKNOWLEDGE = "acknowledge";

  // ---- start variables (HandoverVariables)
  /** The handover record's id. */
  public static final String VAR_HANDOVER_ID = "handoverId";

  /** {@code HO-<id>}: the inbox's and the audit trail's business key. */
  public static final String VAR_BUSINESS_KEY = "businessKey";

  public static final String VAR_SCHEDULE_ID = "scheduleId";

  /** The team (its group name) whose shift changes. */
  public static final String VAR_TEAM = "team";

  /** 1 or 2. */
  public static final String VAR_TIER = "tier";

  public static final String VAR_OUTGOING_USER = "outgoingUser";
  public static final String VAR_INCOMING_USER = "incomingUser";

  /** ISO date-time: the start of the incoming shift (the change). */
  public static final String VAR_SHIFT_START = "shiftStart";

  /** ISO date-time: the end of the incoming shift. */
  public static final String VAR_SHIFT_END = "shiftEnd";

  /** ISO date-time by which the handover must be written. */
  public static final String VAR_WRITE_DUE = "writeDue";

  /** ISO 8601 duration the incoming person has to acknowledge once it is written. */
  public static final String VAR_ACKNOWLEDGE_WITHIN = "acknowledgeWithin";

  /** The group told about late steps. */
  public static final String VAR_MANAGER_GROUP = "managerGroup";

  // ---- variables of the prefill job and the forms
  /** Markdown: the prefilled snapshot as the forms show it. */
  public static final String VAR_SUMMARY = "handoverSummary";

  /** Write form: what the next shift must know (required). */
  public static final String VAR_NOTES = "handoverNotes";

  /** Write form: risks to watch. */
  public static final String VAR_RISKS = "handoverRisks";

  /** Write form: changes and releases planned for the next shift (prefilled). */
  public static final String VAR_PLANNED_CHANGES = "plannedChanges";

  /** Acknowledge form: the incoming person's note. */
  public static final String VAR_ACKNOWLEDGEMENT_NOTE = "acknowledgementNote";

  // ---- the other elements
  public static final String STARTED = "HandoverRequested";

  /** {@link #JOB_PREFILL}. */
  public static final String PREFILL_TASK = "PrefillHandover";

  /** {@link #JOB_RECORD} {@link #STAGE_WRITTEN}. */
  public static final String RECORD_WRITTEN_TASK = "RecordWritten";

  /** {@link #JOB_RECORD} {@link #STAGE_ACKNOWLEDGED}. */
  public static final String RECORD_ACKNOWLEDGED_TASK = "RecordAcknowledged";

  public static final String COMPLETED = "HandoverCompleted";

  /** Non-interrupting timer (date {@link #VAR_WRITE_DUE}) on {@link #WRITE_TASK}. */
  public static final String WRITE_OVERDUE = "WriteOverdue";

  /** {@link #JOB_ESCALATE} {@link #STAGE_WRITE}. */
  public static final String ESCALATE_UNWRITTEN_TASK = "EscalateUnwritten";

  public static final String WRITE_ESCALATED = "WriteEscalated";

  /**
   * Non-interrupting timer (duration {@link #VAR_ACKNOWLEDGE_WITHIN}) on {@link #ACKNOWLEDGE_TASK}.
   */
  public static final String ACKNOWLEDGE_OVERDUE = "AcknowledgeOverdue";

  /** {@link #JOB_ESCALATE} {@link #STAGE_ACKNOWLEDGE}. */
  public static final String ESCALATE_UNACKNOWLEDGED_TASK = "EscalateUnacknowledged";

  public static final String ACKNOWLEDGE_ESCALATED = "AcknowledgeEscalated";

  private OnCallHandoverProcess() {}
}
