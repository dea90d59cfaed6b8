package life.suoke.ops.engine.state;

import life.suoke.ops.engine.model.ExecutableProcess;

/** A deployed version of a process. */
public record ProcessDefinition(
    long key,
    String bpmnProcessId,
    int version,
    String versionTag,
    String resourceName,
    String checksum,
    byte[] resource,
    long deploymentKey,
    String tenantId,
    ExecutableProcess executable) {}
