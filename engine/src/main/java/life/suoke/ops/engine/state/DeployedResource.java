package life.suoke.ops.engine.state;

/** A deployed DMN or form resource, versioned by its id; executing it comes in a later part. */
public record DeployedResource(
    long key,
    String kind,
    String resourceId,
    int version,
    String resourceName,
    String checksum,
    byte[] resource,
    long deploymentKey,
    String tenantId) {}
