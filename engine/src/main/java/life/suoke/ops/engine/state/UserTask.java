package life.suoke.ops.engine.state;

import java.util.List;
import life.suoke.ops.engine.record.value.UserTaskValue;

/** A Camunda user task ({@code zeebe:userTask}) waiting for a person. */
public final class UserTask {

  public enum State {
    CREATING,
    CREATED,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    CANCELING,
    COMPLETED,
    CANCELED
  }

  public final long key;
  public final long elementInstanceKey;
  public final long processInstanceKey;

  long processDefinitionKey;

  String bpmnProcessId;
  int processDefinitionVersion;
  String elementId;
  String elementName;
  public final String tenantId;
  public final long creationTime;
  State state = State.CREATING;
  String assignee = "";
  List<String> candidateGroups = List.of();
  List<String> candidateUsers = List.of();
  String dueDate = "";
  String followUpDate = "";
  int priority = 50;
  long formDefinitionKey = -1;
  String externalFormReference = "";
  long completionTime = -1;

  UserTaskValue transition;

  int taskListenerIndex;

  public UserTask(
      long key,
      long elementInstanceKey,
      long processInstanceKey,
      long processDefinitionKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      String elementId,
      String elementName,
      String tenantId,
      long creationTime) {
    this.key = key;
    this.elementInstanceKey = elementInstanceKey;
    this.processInstanceKey = processInstanceKey;
    this.processDefinitionKey = processDefinitionKey;
    this.bpmnProcessId = bpmnProcessId;
    this.processDefinitionVersion = processDefinitionVersion;
    this.elementId = elementId;
    this.elementName = elementName;
    this.tenantId = tenantId;
    this.creationTime = creationTime;
  }

  /**
   * Changed by a process instance migration (the task keeps its key, assignee and other
   * attributes).
   */
  public long processDefinitionKey() {
    return processDefinitionKey;
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public int processDefinitionVersion() {
    return processDefinitionVersion;
  }

  public String elementId() {
    return elementId;
  }

  public String elementName() {
    return elementName;
  }

  public State state() {
    return state;
  }

  public String assignee() {
    return assignee;
  }

  public List<String> candidateGroups() {
    return java.util.Collections.unmodifiableList(candidateGroups);
  }

  public List<String> candidateUsers() {
    return java.util.Collections.unmodifiableList(candidateUsers);
  }

  public String dueDate() {
    return dueDate;
  }

  public String followUpDate() {
    return followUpDate;
  }

  public int priority() {
    return priority;
  }

  public long formDefinitionKey() {
    return formDefinitionKey;
  }

  public String externalFormReference() {
    return externalFormReference;
  }

  public long completionTime() {
    return completionTime;
  }

  /**
   * The record of the lifecycle transition in progress (CREATING, ASSIGNING, UPDATING, COMPLETING,
   * CANCELING), with the corrections its task listeners made so far; null when the task is not in
   * one.
   */
  public UserTaskValue transition() {
    return transition;
  }

  /** How many task listener jobs were created for the transition in progress. */
  public int taskListenerIndex() {
    return taskListenerIndex;
  }
}
