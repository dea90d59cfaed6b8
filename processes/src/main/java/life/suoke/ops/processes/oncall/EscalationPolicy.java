package life.suoke.ops.processes.oncall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An escalation policy as the {@code on-call-escalation} process reads it from variable {@link
 * OnCallEscalationProcess#VAR_POLICY}. The caller (or whoever looks the service's policy up) builds
 * it with {@link #toMap()}; the workers read the same field names back ({@link #FIELD_LEVELS},
 * ...).
 *
 * @param id the policy's id (for the workers' round-robin memory and the audit)
 * @param calendarId the business calendar of business-hours-only levels ({@code default} when null)
 * @param repeat how many times the whole policy runs again after the first run when nobody
 *     acknowledged (0: once)
 * @param repageAfter ISO 8601 duration: an acknowledged incident not resolved within it is paged
 *     again from the first level; null: never
 * @param levels the levels in order; at least one
 */
public record EscalationPolicy(
    String id, String calendarId, int repeat, String repageAfter, List<Level> levels) {

  public static final String FIELD_ID = "id";
  public static final String FIELD_CALENDAR_ID = "calendarId";
  public static final String FIELD_REPEAT = "repeat";
  public static final String FIELD_REPAGE_AFTER = "repageAfter";
  public static final String FIELD_LEVELS = "levels";
  public static final String FIELD_TARGETS = "targets";
  public static final String FIELD_ACKNOWLEDGE_WITHIN = "acknowledgeWithin";
  public static final String FIELD_ROUND_ROBIN = "roundRobin";
  public static final String FIELD_BUSINESS_HOURS_ONLY_FOR = "businessHoursOnlyFor";
  public static final String FIELD_TYPE = "type";
  public static final String FIELD_TARGET_ID = "id";
  public static final String FIELD_TIER = "tier";

  /**
   * Target type: whoever the schedule's tier has on call at that moment (id = schedule id, with
   * {@code tier}).
   */
  public static final String TARGET_SCHEDULE = "schedule";

  /** Target type: one user (id = user name). */
  public static final String TARGET_USER = "user";

  /** Target type: the enabled members of a group (id = group name). */
  public static final String TARGET_GROUP = "group";

  public EscalationPolicy {
    levels = List.copyOf(levels);
  }

  /**
   * One level.
   *
   * @param targets whom to notify: schedules (their on-call person now), users, groups
   * @param acknowledgeWithin ISO 8601 duration each notification of the level waits for an
   *     acknowledgement
   * @param roundRobin true: the people one at a time, each given {@code acknowledgeWithin},
   *     starting with the next one in turn; false: everyone at once
   * @param businessHoursOnlyFor priorities (e.g. P2, P3) this level pages only in the calendar's
   *     working time: outside it the escalation waits for the next start of working time
   */
  public record Level(
      List<Target> targets,
      String acknowledgeWithin,
      boolean roundRobin,
      List<String> businessHoursOnlyFor) {

    public Level {
      targets = List.copyOf(targets);
      businessHoursOnlyFor =
          businessHoursOnlyFor == null ? List.of() : List.copyOf(businessHoursOnlyFor);
    }

    Map<String, Object> toMap() {
      Map<String, Object> level = new LinkedHashMap<>();
      List<Map<String, Object>> list = new ArrayList<>();
      targets.forEach(t -> list.add(t.toMap()));
      level.put(FIELD_TARGETS, list);
      level.put(FIELD_ACKNOWLEDGE_WITHIN, acknowledgeWithin);
      level.put(FIELD_ROUND_ROBIN, roundRobin);
      level.put(FIELD_BUSINESS_HOURS_ONLY_FOR, businessHoursOnlyFor);
      return level;
    }
  }

  /**
   * Whom a level notifies.
   *
   * @param type {@link #TARGET_SCHEDULE}, {@link #TARGET_USER} or {@link #TARGET_GROUP}
   * @param id the schedule id, user name or group name
   * @param tier the schedule's tier (1-3) for a schedule target, else null
   */
  public record Target(String type, String id, Integer tier) {

    public static Target schedule(String scheduleId, int tier) {
      return new Target(TARGET_SCHEDULE, scheduleId, tier);
    }

    public static Target user(String username) {
      return new Target(TARGET_USER, username, null);
    }

    public static Target group(String group) {
      return new Target(TARGET_GROUP, group, null);
    }

    Map<String, Object> toMap() {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put(FIELD_TYPE, type);
      target.put(FIELD_TARGET_ID, id);
      if (tier != null) {
        target.put(FIELD_TIER, tier);
      }
      return target;
    }
  }

  /** The policy as the process variable's value (absent optional fields left out). */
  public Map<String, Object> toMap() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put(FIELD_ID, id);
    if (calendarId != null) {
      policy.put(FIELD_CALENDAR_ID, calendarId);
    }
    policy.put(FIELD_REPEAT, repeat);
    if (repageAfter != null) {
      policy.put(FIELD_REPAGE_AFTER, repageAfter);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    levels.forEach(l -> list.add(l.toMap()));
    policy.put(FIELD_LEVELS, list);
    return policy;
  }

  /**
   * The start variables of an {@code on-call-escalation} instance (what a call activity's input
   * mappings give it).
   */
  public Map<String, Object> startVariables(
      String escalationKey, String incidentNumber, String service, String priority) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(OnCallEscalationProcess.VAR_ESCALATION_KEY, escalationKey);
    variables.put(OnCallEscalationProcess.VAR_INCIDENT_NUMBER, incidentNumber);
    variables.put(OnCallEscalationProcess.VAR_SERVICE, service);
    variables.put(OnCallEscalationProcess.VAR_PRIORITY, priority);
    variables.put(OnCallEscalationProcess.VAR_POLICY, toMap());
    return variables;
  }
}
