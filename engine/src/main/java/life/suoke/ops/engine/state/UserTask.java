package life.suoke.ops.engine.state;

import java.util.List;

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

  /**
   * Changed by a process instance migration (the task keeps its key, assignee and other
   * attributes).
   */
  public long processDefinitionKey;

  public String bpmnProcessId;
  public int processDefinitionVersion;
  public String elementId;
  public String elementName;
  public final String tenantId;
  public final long creationTime;
  public State state = State.CREATING;
  public String assignee = "";
  public List<String> candidateGroups = List.of();
  public List<String> candidateUsers = List.of();
  public String dueDate = "";
  public String followUpDate = "";
  public int priority = 50;
  public long formDefinitionKey = -1;
  public String externalFormReference = "";
  public long completionTime = -1;

  /**
   * The record of the lifecycle transition in progress (CREATING, ASSIGNING, UPDATING, COMPLETING,
   * CANCELING), with the corrections its task listeners made so far; null when the task is not in
   * one.
   */
  public java.util.Map<String, Object> transition;

  /** How many task listener jobs were created for the transition in progress. */
  public int taskListenerIndex;

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
}
