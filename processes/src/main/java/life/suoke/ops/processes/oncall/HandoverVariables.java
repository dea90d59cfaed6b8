package life.suoke.ops.processes.oncall;

import static life.suoke.ops.processes.oncall.OnCallHandoverProcess.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables an {@code on-call-handover} instance starts with; the backend's handover starter
 * and the process tests build them the same way.
 *
 * @param handoverId the record's id
 * @param shiftStart ISO date-time of the change of shift
 * @param shiftEnd ISO date-time when the incoming shift ends
 * @param writeDue ISO date-time by which the outgoing person must have written it
 * @param acknowledgeWithin ISO 8601 duration for the incoming person once written
 */
public record HandoverVariables(
    long handoverId,
    String scheduleId,
    String team,
    int tier,
    String outgoingUser,
    String incomingUser,
    String shiftStart,
    String shiftEnd,
    String writeDue,
    String acknowledgeWithin,
    String managerGroup) {

  /** The business key of a handover record. */
  public static String businessKey(long handoverId) {
    return "HO-" + handoverId;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(VAR_HANDOVER_ID, handoverId);
    variables.put(VAR_BUSINESS_KEY, businessKey(handoverId));
    put(variables, VAR_SCHEDULE_ID, scheduleId);
    put(variables, VAR_TEAM, team);
    variables.put(VAR_TIER, tier);
    put(variables, VAR_OUTGOING_USER, outgoingUser);
    put(variables, VAR_INCOMING_USER, incomingUser);
    put(variables, VAR_SHIFT_START, shiftStart);
    put(variables, VAR_SHIFT_END, shiftEnd);
    put(variables, VAR_WRITE_DUE, writeDue);
    put(variables, VAR_ACKNOWLEDGE_WITHIN, acknowledgeWithin);
    variables.put(
        VAR_MANAGER_GROUP, managerGroup == null ? OPERATIONS_MANAGERS_GROUP : managerGroup);
    return variables;
  }

  private static void put(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
