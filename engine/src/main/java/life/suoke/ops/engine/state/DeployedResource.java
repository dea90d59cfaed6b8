package life.suoke.ops.engine.state;

/**
 * A deployed DMN or form resource, versioned by its id.
 *
 * @param versionTag a form's {@code versionTag} (from its JSON), else empty
 */
public record DeployedResource(
    long key,
    String kind,
    String resourceId,
    int version,
    String resourceName,
    String checksum,
    byte[] resource,
    long deploymentKey,
    String tenantId,
    String versionTag) {}
