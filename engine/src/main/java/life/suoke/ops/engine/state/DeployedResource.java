package life.suoke.ops.engine.state;

/**
 * A deployed DMN or form resource, versioned by its id: a decision requirements graph, one of its
 * decisions, or a form. {@code name} is the graph's or decision's name (a form's is its id).
 *
 * @param versionTag a form's {@code versionTag} (from its JSON), else empty
 */
public record DeployedResource(
    long key,
    String kind,
    String resourceId,
    String name,
    int version,
    String resourceName,
    String checksum,
    byte[] resource,
    long deploymentKey,
    String tenantId,
    String versionTag) {}
