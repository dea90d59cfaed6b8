package life.suoke.ops.engine.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.record.value.IncidentValue;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.record.value.VariableValue;

/**
 * What the record log says happened, folded into process instances (their element instances,
 * variables and incidents) and user tasks. Fed one event at a time, in log order, by {@link
 * RecordStream}; never reads the log itself. Not thread safe: the stream guards it.
 */
final class History {

  enum ElementState {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  static final class ElementInstance {
    final long key;
    final String elementId;
    final String type;
    ElementState state = ElementState.ACTIVE;

    ElementInstance(long key, String elementId, String type) {
      this.key = key;
      this.elementId = elementId;
      this.type = type;
    }
  }

  static final class Incident {
    final long key;
    final String errorType;
    final String errorMessage;
    final String elementId;
    boolean active = true;

    Incident(long key, String errorType, String errorMessage, String elementId) {
      this.key = key;
      this.errorType = errorType;
      this.errorMessage = errorMessage;
      this.elementId = elementId;
    }

    String describe() {
      return errorType + " at '" + elementId + "' (incident " + key + "): " + errorMessage;
    }
  }

  static final class Instance {
    final long key;
    String bpmnProcessId = "";
    long version = -1;

    /** Null until the log shows the process instance itself (it may show its variables first). */
    ElementState state;

    final Map<Long, ElementInstance> elements = new LinkedHashMap<>();

    /** Variables of the process instance scope: name to JSON text. */
    final Map<String, String> variables = new LinkedHashMap<>();

    final Map<Long, Incident> incidents = new LinkedHashMap<>();

    Instance(long key) {
      this.key = key;
    }

    boolean exists() {
      return state != null;
    }

    boolean ended() {
      return state == ElementState.COMPLETED || state == ElementState.TERMINATED;
    }

    /**
     * Ids of the elements with at least one instance in the state, in order of first activation.
     */
    Set<String> elementIds(ElementState wanted) {
      Set<String> ids = new LinkedHashSet<>();
      for (ElementInstance e : elements.values()) {
        if (e.state == wanted) {
          ids.add(e.elementId);
        }
      }
      return ids;
    }

    /**
     * How many instances of the element are in the state. The container of a multi-instance
     * activity (type {@code MULTI_INSTANCE_BODY}, same id) is not counted: its inner instances are.
     */
    int count(String elementId, ElementState wanted) {
      int count = 0;
      for (ElementInstance e : elements.values()) {
        if (e.state == wanted
            && e.elementId.equals(elementId)
            && !"MULTI_INSTANCE_BODY".equals(e.type)) {
          count++;
        }
      }
      return count;
    }

    /** Ids of every element that was ever activated, in order of first activation. */
    Set<String> activatedElementIds() {
      Set<String> ids = new LinkedHashSet<>();
      for (ElementInstance e : elements.values()) {
        ids.add(e.elementId);
      }
      return ids;
    }

    List<Incident> activeIncidents() {
      List<Incident> active = new ArrayList<>();
      for (Incident i : incidents.values()) {
        if (i.active) {
          active.add(i);
        }
      }
      return active;
    }

    String describe() {
      if (!exists()) {
        return "the record log shows nothing of process instance " + key + " yet";
      }
      StringBuilder s = new StringBuilder();
      s.append("process instance ")
          .append(key)
          .append(" ('")
          .append(bpmnProcessId)
          .append("', version ")
          .append(version)
          .append(") is ")
          .append(state)
          .append('\n');
      s.append("  active elements:     ").append(ids(elementIds(ElementState.ACTIVE))).append('\n');
      s.append("  completed elements:  ")
          .append(ids(elementIds(ElementState.COMPLETED)))
          .append('\n');
      s.append("  terminated elements: ")
          .append(ids(elementIds(ElementState.TERMINATED)))
          .append('\n');
      List<Incident> active = activeIncidents();
      if (active.isEmpty()) {
        s.append("  active incidents:    none");
      } else {
        s.append("  active incidents:");
        for (Incident i : active) {
          s.append("\n    - ").append(i.describe());
        }
      }
      int resolved = incidents.size() - active.size();
      if (resolved > 0) {
        s.append("\n  resolved incidents:  ").append(resolved);
      }
      s.append("\n  variables:           ").append(variablesText());
      return s.toString();
    }

    private String variablesText() {
      if (variables.isEmpty()) {
        return "none";
      }
      StringJoiner j = new StringJoiner(", ", "{", "}");
      variables.forEach((name, json) -> j.add(name + "=" + abbreviate(json, 200)));
      return j.toString();
    }
  }

  private final Map<Long, Instance> instances = new HashMap<>();
  private final Map<Long, UserTaskSnapshot> userTasks = new LinkedHashMap<>();

  /** The process instance, or an empty one if the log has not shown it (yet). */
  Instance instance(long processInstanceKey) {
    Instance i = instances.get(processInstanceKey);
    return i != null ? i : new Instance(processInstanceKey);
  }

  Collection<UserTaskSnapshot> userTasks() {
    return userTasks.values();
  }

  /** The matching user task created last, or null. */
  UserTaskSnapshot userTask(UserTaskSelector selector) {
    UserTaskSnapshot found = null;
    for (UserTaskSnapshot task : userTasks.values()) {
      if (selector.test(task)) {
        found = task;
      }
    }
    return found;
  }

  String describeUserTasks() {
    if (userTasks.isEmpty()) {
      return "the record log shows no user tasks at all";
    }
    StringBuilder s = new StringBuilder("user tasks in the record log:");
    int shown = 0;
    List<UserTaskSnapshot> all = new ArrayList<>(userTasks.values());
    // the newest are the likeliest to matter
    for (int i = all.size() - 1; i >= 0 && shown < 20; i--, shown++) {
      s.append("\n    - ").append(all.get(i).describe());
    }
    if (all.size() > shown) {
      s.append("\n    ... and ").append(all.size() - shown).append(" older");
    }
    return s.toString();
  }

  // ---------------------------------------------------------------------------------------------

  void apply(Record r) {
    if (r.recordType() != RecordType.EVENT || r.valueType() == null) {
      return;
    }
    switch (r.valueType()) {
      case PROCESS_INSTANCE -> applyProcessInstance(r);
      case VARIABLE -> applyVariable(r);
      case INCIDENT -> applyIncident(r);
      case USER_TASK -> applyUserTask(r);
      default -> {
        // not needed by the assertions
      }
    }
  }

  private Instance instanceFor(long processInstanceKey) {
    return instances.computeIfAbsent(processInstanceKey, Instance::new);
  }

  private void applyProcessInstance(Record r) {
    ProcessInstanceValue v = ProcessInstanceValue.of(r);
    String type = v.bpmnElementType();
    if ("SEQUENCE_FLOW".equals(type)) {
      return;
    }
    ElementState state =
        switch ((ProcessInstanceIntent) r.intent()) {
          case ELEMENT_ACTIVATING, ELEMENT_ACTIVATED, ELEMENT_COMPLETING, ELEMENT_TERMINATING ->
              ElementState.ACTIVE;
          case ELEMENT_COMPLETED -> ElementState.COMPLETED;
          case ELEMENT_TERMINATED -> ElementState.TERMINATED;
          default -> null;
        };
    if (state == null) {
      return;
    }
    long processInstanceKey = v.processInstanceKey();
    Instance instance = instanceFor(processInstanceKey);
    if ("PROCESS".equals(type) && r.key() == processInstanceKey) {
      instance.state = state;
      instance.bpmnProcessId = v.bpmnProcessId();
      instance.version = v.version();
      return;
    }
    ElementInstance element =
        instance.elements.computeIfAbsent(
            r.key(), k -> new ElementInstance(k, v.elementId(), type));
    element.state = state;
  }

  private void applyVariable(Record r) {
    if (r.intent() != VariableIntent.CREATED && r.intent() != VariableIntent.UPDATED) {
      return;
    }
    VariableValue v = VariableValue.of(r);
    long processInstanceKey = v.processInstanceKey();
    if (v.scopeKey() == processInstanceKey) {
      instanceFor(processInstanceKey).variables.put(v.name(), v.value());
    }
  }

  private void applyIncident(Record r) {
    IncidentValue v = IncidentValue.of(r);
    Instance instance = instanceFor(v.processInstanceKey());
    switch ((IncidentIntent) r.intent()) {
      case CREATED ->
          instance.incidents.put(
              r.key(), new Incident(r.key(), v.errorType(), v.errorMessage(), v.elementId()));
      case RESOLVED -> {
        Incident incident = instance.incidents.get(r.key());
        if (incident != null) {
          incident.active = false;
        }
      }
      default -> {
        // other intents do not change whether an incident is open
      }
    }
  }

  private void applyUserTask(Record r) {
    UserTaskValue v = UserTaskValue.of(r);
    UserTaskSnapshot t = userTasks.get(r.key());
    switch ((UserTaskIntent) r.intent()) {
      case CREATED ->
          userTasks.put(
              r.key(),
              new UserTaskSnapshot(
                  r.key(),
                  v.elementId(),
                  v.elementName(),
                  v.processInstanceKey(),
                  v.elementInstanceKey(),
                  v.bpmnProcessId(),
                  UserTaskSnapshot.State.CREATED,
                  v.assignee(),
                  v.candidateGroupsList(),
                  v.candidateUsersList(),
                  v.dueDate(),
                  v.followUpDate(),
                  v.priority(),
                  v.creationTimestamp(),
                  -1));
      case ASSIGNED -> {
        if (t != null) {
          userTasks.put(
              r.key(),
              with(
                  t,
                  t.state(),
                  v.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  t.endTime()));
        }
      }
      case UPDATED -> {
        if (t != null) {
          List<String> changed = v.changedAttributes();
          boolean all = changed.isEmpty();
          userTasks.put(
              r.key(),
              with(
                  t,
                  t.state(),
                  t.assignee(),
                  all || changed.contains("candidateGroupsList")
                      ? v.candidateGroupsList()
                      : t.candidateGroups(),
                  all || changed.contains("candidateUsersList")
                      ? v.candidateUsersList()
                      : t.candidateUsers(),
                  all || changed.contains("dueDate") ? v.dueDate() : t.dueDate(),
                  all || changed.contains("followUpDate") ? v.followUpDate() : t.followUpDate(),
                  all || changed.contains("priority") ? v.priority() : t.priority(),
                  t.endTime()));
        }
      }
      case COMPLETED -> {
        if (t != null) {
          userTasks.put(
              r.key(),
              with(
                  t,
                  UserTaskSnapshot.State.COMPLETED,
                  t.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  r.timestamp()));
        }
      }
      case CANCELED -> {
        if (t != null) {
          userTasks.put(
              r.key(),
              with(
                  t,
                  UserTaskSnapshot.State.CANCELED,
                  t.assignee(),
                  t.candidateGroups(),
                  t.candidateUsers(),
                  t.dueDate(),
                  t.followUpDate(),
                  t.priority(),
                  r.timestamp()));
        }
      }
      default -> {
        // CREATING, ASSIGNING, UPDATING, COMPLETING, CANCELING: the outcome follows
      }
    }
  }

  private static UserTaskSnapshot with(
      UserTaskSnapshot t,
      UserTaskSnapshot.State state,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      long endTime) {
    return new UserTaskSnapshot(
        t.userTaskKey(),
        t.elementId(),
        t.name(),
        t.processInstanceKey(),
        t.elementInstanceKey(),
        t.bpmnProcessId(),
        state,
        assignee,
        candidateGroups,
        candidateUsers,
        dueDate,
        followUpDate,
        priority,
        t.creationTime(),
        endTime);
  }

  static String ids(Collection<String> ids) {
    return ids.isEmpty() ? "none" : ids.toString();
  }

  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
