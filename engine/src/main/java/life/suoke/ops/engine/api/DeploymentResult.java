package life.suoke.ops.engine.api;

import java.util.List;

/** The outcome of a deployment: the deployed (or already deployed, identical) definitions. */
public record DeploymentResult(
    long key, String tenantId, List<Process> processes, List<Resource> resources) {

  public record Process(
      String bpmnProcessId,
      int version,
      long processDefinitionKey,
      String resourceName,
      String tenantId) {}

  /**
   * A deployed form ({@code kind} FORM), decision requirements graph (DECISION_REQUIREMENTS, one
   * per DMN file) or decision (DECISION, with the id and key of its graph). {@code name} is the
   * name the DMN gives a decision or graph (its id if it has none); a form's id.
   */
  public record Resource(
      String kind,
      String resourceId,
      String name,
      int version,
      long key,
      String resourceName,
      String tenantId,
      String decisionRequirementsId,
      long decisionRequirementsKey) {}
}
