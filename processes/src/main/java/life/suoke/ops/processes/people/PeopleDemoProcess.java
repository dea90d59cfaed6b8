package life.suoke.ops.processes.people;

/**
 * Ids and variables of {@code people/people-demo.bpmn}: an alert acknowledged by the tier-1 on-call
 * group through the form {@code people-demo-acknowledge}. The smallest people flow; the tasklist
 * UI's browser acceptance test runs on it.
 */
public final class PeopleDemoProcess {

  public static final String RESOURCE = "people/people-demo.bpmn";
  public static final String FORM_RESOURCE = "people/people-demo-acknowledge.form";
  public static final String PROCESS_ID = "people-demo";
  public static final String FORM_ID = "people-demo-acknowledge";

  public static final String ACKNOWLEDGE_TASK = "AcknowledgeAlert";
  public static final String ACKNOWLEDGED = "AlertAcknowledged";
  public static final String CANDIDATE_GROUP = "tier1-oncall";

  /** Form fields. */
  public static final String VAR_SUMMARY = "summary";
  public static final String VAR_IMPACTED_USERS = "impactedUsers";
  public static final String VAR_SEVERITY = "severity";
  /** Marked sensitive in the form: masked in the audit trail. */
  public static final String VAR_CONTACT_PHONE = "contactPhone";

  private PeopleDemoProcess() {}
}
