package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.value.UserTaskValue;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The Camunda user tasks of waiting elements, in creation order, each with the lifecycle transition
 * in progress (and its task listeners) if any. Its public methods only read; the appliers of
 * USER_TASK events change it, and that of a task listener's JOB CREATED moves its transition on to
 * the next listener.
 */
public final class UserTaskState {

  /** The attributes a transition sets (CREATING, CREATED, ASSIGNED, UPDATED). */
  record Attributes(
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String dueDate,
      String followUpDate,
      int priority,
      long formDefinitionKey,
      String externalFormReference) {}

  private final Map<Long, UserTask> userTasks = new LinkedHashMap<>();

  public UserTask userTask(long key) {
    return userTasks.get(key);
  }

  public Collection<UserTask> userTasks() {
    return Collections.unmodifiableCollection(userTasks.values());
  }

  /** CREATING: a new task, in its creating transition. */
  void add(UserTask task, Attributes attributes, UserTaskValue transition) {
    set(task, attributes);
    task.transition = transition;
    userTasks.put(task.key, task);
  }

  /** A transition begins (ASSIGNING, CLAIMING, UPDATING, COMPLETING, CANCELING). */
  void beginTransition(UserTask task, UserTask.State state, UserTaskValue transition) {
    task.state = state;
    task.transition = transition;
    task.taskListenerIndex = 0;
  }

  /** A task listener corrected the transition's record. */
  void correctTransition(UserTask task, UserTaskValue transition) {
    task.transition = transition;
  }

  /** A transition ended (CREATED, ASSIGNED, UPDATED) with these attributes. */
  void endTransition(UserTask task, Attributes attributes) {
    set(task, attributes);
    task.state = UserTask.State.CREATED;
    task.transition = null;
  }

  /** A task listener denied the transition: the task is back in the state before it. */
  void denyTransition(UserTask task) {
    task.state = UserTask.State.CREATED;
    task.transition = null;
  }

  /** A job of a task listener of the transition in progress was created: the next one is next. */
  void listenerJobCreated(long key) {
    UserTask task = userTasks.get(key);
    if (task != null) {
      task.taskListenerIndex++;
    }
  }

  /**
   * A process instance migration moved the task's element to another process (the task keeps its
   * key, assignee and other attributes); {@code elementName} null keeps the name.
   */
  void migrate(
      UserTask task,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String elementId,
      String elementName) {
    task.processDefinitionKey = processDefinitionKey;
    task.bpmnProcessId = bpmnProcessId;
    task.processDefinitionVersion = processDefinitionVersion;
    task.elementId = elementId;
    if (elementName != null) {
      task.elementName = elementName;
    }
  }

  /** The task completed or was canceled. */
  void remove(long key) {
    userTasks.remove(key);
  }

  private static void set(UserTask task, Attributes attributes) {
    task.assignee = attributes.assignee();
    task.candidateGroups = attributes.candidateGroups();
    task.candidateUsers = attributes.candidateUsers();
    task.dueDate = attributes.dueDate();
    task.followUpDate = attributes.followUpDate();
    task.priority = attributes.priority();
    task.formDefinitionKey = attributes.formDefinitionKey();
    task.externalFormReference = attributes.externalFormReference();
  }

  void write(Out out) {
    out.i32(userTasks.size());
    for (UserTask t : userTasks.values()) {
      out.i64(t.key);
      out.i64(t.elementInstanceKey);
      out.i64(t.processInstanceKey);
      out.i64(t.processDefinitionKey);
      out.sym(t.bpmnProcessId);
      out.i32(t.processDefinitionVersion);
      out.sym(t.elementId);
      out.sym(t.elementName);
      out.sym(t.tenantId);
      out.i64(t.creationTime);
      out.enumeration(t.state);
      out.sym(t.assignee);
      writeSymbols(t.candidateGroups, out);
      writeSymbols(t.candidateUsers, out);
      out.str(t.dueDate);
      out.str(t.followUpDate);
      out.i32(t.priority);
      out.i64(t.formDefinitionKey);
      out.str(t.externalFormReference);
      out.i64(t.completionTime);
      out.value(t.transition == null ? null : t.transition.toJson());
      out.i32(t.taskListenerIndex);
    }
  }

  @SuppressWarnings("unchecked")
  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      UserTask t =
          new UserTask(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.i32(), in.sym(), in.sym(),
              in.sym(), in.i64());
      t.state = in.enumeration(UserTask.State.values());
      t.assignee = in.sym();
      t.candidateGroups = readSymbols(in);
      t.candidateUsers = readSymbols(in);
      t.dueDate = SharedStrings.emptyShared(in.str());
      t.followUpDate = SharedStrings.emptyShared(in.str());
      t.priority = in.i32();
      t.formDefinitionKey = in.i64();
      t.externalFormReference = SharedStrings.emptyShared(in.str());
      t.completionTime = in.i64();
      Map<String, Object> transition = (Map<String, Object>) in.value();
      t.transition = transition == null ? null : UserTaskValue.of(transition);
      t.taskListenerIndex = in.i32();
      userTasks.put(t.key, t);
    }
  }

  private static void writeSymbols(List<String> values, Out out) {
    out.i32(values.size());
    values.forEach(out::sym);
  }

  private static List<String> readSymbols(In in) {
    int size = in.i32();
    String[] values = new String[size];
    for (int i = 0; i < size; i++) {
      values[i] = in.sym();
    }
    return List.of(values);
  }
}
