package life.suoke.ops.engine.state;

import java.util.Base64;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.DecisionIntent;
import life.suoke.ops.engine.record.intent.DecisionRequirementsIntent;
import life.suoke.ops.engine.record.intent.FormIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;
import life.suoke.ops.engine.record.value.DecisionRequirementsValue;
import life.suoke.ops.engine.record.value.DecisionValue;
import life.suoke.ops.engine.record.value.FormValue;
import life.suoke.ops.engine.record.value.ProcessValue;

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
    ProcessValue v = ProcessValue.of(event);
    byte[] resource = Base64.getDecoder().decode(v.resource());
    ExecutableProcess executable =
        deployments.takeExecutable(event.key(), v.bpmnProcessId(), v.resourceName(), resource);
    deployments.addProcess(
        new ProcessDefinition(
            event.key(),
            v.bpmnProcessId(),
            v.version(),
            v.versionTag(),
            v.resourceName(),
            v.checksum(),
            resource,
            v.deploymentKey(),
            v.tenantId(),
            executable));
  }

  static void processDeleted(Record event, DeploymentState deployments) {
    deployments.removeProcess(ProcessValue.of(event).processDefinitionKey());
  }

  static void resourceCreated(Record event, DeploymentState deployments) {
    DeployedResource deployed =
        switch (event.valueType()) {
          case FORM -> {
            FormValue v = FormValue.of(event);
            yield new DeployedResource(
                event.key(),
                event.valueType().name(),
                v.formId(),
                v.formId(),
                v.version(),
                v.resourceName(),
                v.checksum(),
                decode(v.resource()),
                v.deploymentKey(),
                v.tenantId(),
                v.versionTag());
          }
          case DECISION -> {
            DecisionValue v = DecisionValue.of(event);
            if (v.resource() == null) {
              throw new IllegalStateException(
                  "DECISION CREATED " + event.key() + " carries no resource");
            }
            deployments.linkDecision(event.key(), v.decisionRequirementsKey());
            yield new DeployedResource(
                event.key(),
                event.valueType().name(),
                v.decisionId(),
                v.decisionName(),
                v.version(),
                v.resourceName(),
                v.checksum(),
                decode(v.resource()),
                v.deploymentKey(),
                v.tenantId(),
                v.versionTag());
          }
          default -> {
            DecisionRequirementsValue v = DecisionRequirementsValue.of(event);
            yield new DeployedResource(
                event.key(),
                event.valueType().name(),
                v.decisionRequirementsId(),
                v.decisionRequirementsName(),
                v.decisionRequirementsVersion(),
                v.resourceName(),
                v.checksum(),
                decode(v.resource()),
                v.deploymentKey(),
                v.tenantId(),
                "");
          }
        };
    deployments.addResource(deployed);
  }

  private static byte[] decode(String resource) {
    return resource.isEmpty() ? new byte[0] : Base64.getDecoder().decode(resource);
  }

  /** A deleted form, decision or graph is gone; its version number stays taken. */
  static void resourceDeleted(Record event, DeploymentState deployments) {
    long key =
        switch (event.valueType()) {
          case FORM -> FormValue.of(event).formKey();
          case DECISION -> DecisionValue.of(event).decisionKey();
          default -> DecisionRequirementsValue.of(event).decisionRequirementsKey();
        };
    deployments.removeResource(key);
  }
}
