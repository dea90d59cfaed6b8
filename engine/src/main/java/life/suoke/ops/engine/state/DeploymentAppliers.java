package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.integer;
import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Base64;
import java.util.Map;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DecisionIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.FormIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;

/** The appliers of PROCESS, FORM, DECISION and DECISION_REQUIREMENTS events. */
final class DeploymentAppliers {

  private DeploymentAppliers() {}

  static void register(EventAppliers.Registry registry) {
    registry.register((e, s) -> processCreated(e, s.deployments), ProcessIntent.CREATED);
    registry.register((e, s) -> processDeleted(e, s.deployments), ProcessIntent.DELETED);
    registry.register(
        (e, s) -> resourceCreated(e, s.deployments),
        FormIntent.CREATED,
        DecisionIntent.CREATED,
        DecisionRequirementsIntent.CREATED);
    registry.register(
        (e, s) -> resourceDeleted(e, s.deployments),
        FormIntent.DELETED,
        DecisionIntent.DELETED,
        DecisionRequirementsIntent.DELETED);
  }

  /**
   * A process version: its executable is the one its deployment staged, or (replaying) the resource
   * transformed again.
   */
  static void processCreated(Record event, DeploymentState deployments) {
    Map<String, Object> v = event.value();
    byte[] resource = Base64.getDecoder().decode(str(v, "resource"));
    String bpmnProcessId = str(v, "bpmnProcessId");
    ExecutableProcess executable =
        deployments.takeExecutable(event.key(), bpmnProcessId, str(v, "resourceName"), resource);
    deployments.addProcess(
        new ProcessDefinition(
            event.key(),
            bpmnProcessId,
            integer(v, "version"),
            str(v, "versionTag"),
            str(v, "resourceName"),
            str(v, "checksum"),
            resource,
            lng(v, "deploymentKey"),
            str(v, "tenantId"),
            executable));
  }

  static void processDeleted(Record event, DeploymentState deployments) {
    deployments.removeProcess(lng(event.value(), "processDefinitionKey"));
  }

  static void resourceCreated(Record event, DeploymentState deployments) {
    Map<String, Object> v = event.value();
    String idField =
        switch (event.valueType()) {
          case FORM -> "formId";
          case DECISION -> "decisionId";
          default -> "decisionRequirementsId";
        };
    String name =
        switch (event.valueType()) {
          case FORM -> str(v, "formId");
          case DECISION -> str(v, "decisionName");
          default -> str(v, "decisionRequirementsName");
        };
    String resource = str(v, "resource");
    DeployedResource deployed =
        new DeployedResource(
            event.key(),
            event.valueType().name(),
            str(v, idField),
            name,
            integer(
                v,
                v.containsKey("decisionRequirementsVersion")
                    ? "decisionRequirementsVersion"
                    : "version"),
            str(v, "resourceName"),
            str(v, "checksum"),
            resource.isEmpty() ? new byte[0] : Base64.getDecoder().decode(resource),
            lng(v, "deploymentKey"),
            str(v, "tenantId"),
            str(v, "versionTag"));
    deployments.addResource(deployed);
    if (event.valueType() == ValueType.DECISION) {
      deployments.linkDecision(deployed.key(), lng(v, "decisionRequirementsKey"));
    }
  }

  /** A deleted form, decision or graph is gone; its version number stays taken. */
  static void resourceDeleted(Record event, DeploymentState deployments) {
    String keyField =
        switch (event.valueType()) {
          case FORM -> "formKey";
          case DECISION -> "decisionKey";
          default -> "decisionRequirementsKey";
        };
    deployments.removeResource(lng(event.value(), keyField));
  }
}
