package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import life.suoke.ops.engine.model.ExecutableProcess;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The deployed processes, decision requirements graphs, decisions and forms, by key and by id and
 * version, and the highest version ever deployed of each id. Its public methods only read; the
 * appliers of PROCESS, DECISION, DECISION_REQUIREMENTS and FORM events change it.
 */
public final class DeploymentState {

  /** Turns a deployed resource back into its executable processes (replay, snapshot loading). */
  private final BiFunction<String, byte[], List<ExecutableProcess>> transformer;

  private final Map<Long, ProcessDefinition> processesByKey = new HashMap<>();
  private final Map<String, NavigableMap<Integer, ProcessDefinition>> processVersions =
      new HashMap<>();

  /**
   * Executables the deployment processor transformed, waiting for the applier of their PROCESS
   * CREATED event, which takes them instead of transforming the resource again. Empty between
   * batches.
   */
  private final Map<Long, ExecutableProcess> stagedExecutables = new HashMap<>();

  private final Map<String, NavigableMap<Integer, DeployedResource>> resourceVersions =
      new HashMap<>();
  private final Map<Long, DeployedResource> resourcesByKey = new HashMap<>();
  private final Map<Long, Long> decisionRequirementsByDecision = new HashMap<>();

  /**
   * The highest version ever deployed per kind, tenant and id, deleted ones included: versions are
   * never reused.
   */
  private final Map<String, Integer> lastVersions = new HashMap<>();

  DeploymentState(BiFunction<String, byte[], List<ExecutableProcess>> transformer) {
    this.transformer = transformer;
  }

  // ---------------------------------------------------------------- reads

  public ProcessDefinition process(long key) {
    return processesByKey.get(key);
  }

  public ProcessDefinition latestProcess(String tenantId, String bpmnProcessId) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(processId(tenantId, bpmnProcessId));
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  public ProcessDefinition process(String tenantId, String bpmnProcessId, int version) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(processId(tenantId, bpmnProcessId));
    return versions == null ? null : versions.get(version);
  }

  public Collection<ProcessDefinition> processes() {
    return Collections.unmodifiableCollection(processesByKey.values());
  }

  /** The highest version of a process below the given one that is not deleted, or null. */
  public ProcessDefinition previousProcess(ProcessDefinition definition) {
    NavigableMap<Integer, ProcessDefinition> versions =
        processVersions.get(processId(definition.tenantId(), definition.bpmnProcessId()));
    var previous = versions == null ? null : versions.lowerEntry(definition.version());
    return previous == null ? null : previous.getValue();
  }

  /**
   * The highest version ever deployed of a process ({@code PROCESS}), decision requirements graph,
   * decision or form id, 0 if none: a deleted version still counts, since a version is never
   * reused.
   */
  public int lastVersion(String kind, String tenantId, String id) {
    return lastVersions.getOrDefault(resourceId(kind, tenantId, id), 0);
  }

  public DeployedResource latestResource(String kind, String tenantId, String resourceId) {
    NavigableMap<Integer, DeployedResource> versions =
        resourceVersions.get(resourceId(kind, tenantId, resourceId));
    return versions == null || versions.isEmpty() ? null : versions.lastEntry().getValue();
  }

  /**
   * Every version of a deployed form, decision or decision requirements graph, the newest first.
   */
  public Collection<DeployedResource> resourceVersions(
      String kind, String tenantId, String resourceId) {
    NavigableMap<Integer, DeployedResource> versions =
        resourceVersions.get(resourceId(kind, tenantId, resourceId));
    return versions == null
        ? List.of()
        : Collections.unmodifiableCollection(versions.descendingMap().values());
  }

  public DeployedResource resource(long key) {
    return resourcesByKey.get(key);
  }

  public Collection<DeployedResource> resources() {
    return Collections.unmodifiableCollection(resourcesByKey.values());
  }

  /** The key of the decision requirements graph a deployed decision belongs to, or -1. */
  public long decisionRequirementsKey(long decisionKey) {
    return decisionRequirementsByDecision.getOrDefault(decisionKey, -1L);
  }

  private static String processId(String tenantId, String bpmnProcessId) {
    return tenantId + "\u0000" + bpmnProcessId;
  }

  private static String resourceId(String kind, String tenantId, String id) {
    return kind + "\u0000" + tenantId + "\u0000" + id;
  }

  // ---------------------------------------------------------------- changes

  /** Makes a freshly transformed process available to the applier of its PROCESS CREATED event. */
  void stageExecutable(long processDefinitionKey, ExecutableProcess process) {
    stagedExecutables.put(processDefinitionKey, process);
  }

  boolean hasStagedExecutables() {
    return !stagedExecutables.isEmpty();
  }

  /**
   * The executable of a process being created: the one its deployment staged, or else (replaying)
   * the resource transformed again.
   */
  ExecutableProcess takeExecutable(
      long processDefinitionKey, String bpmnProcessId, String resourceName, byte[] resource) {
    ExecutableProcess staged = stagedExecutables.remove(processDefinitionKey);
    return staged != null
        ? staged
        : executableOf(transformer.apply(resourceName, resource), bpmnProcessId);
  }

  private static ExecutableProcess executableOf(
      List<ExecutableProcess> transformed, String bpmnProcessId) {
    return transformed.stream()
        .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Process " + bpmnProcessId + " missing from its resource"));
  }

  /** A new process version: available by key, id and version, its version number taken. */
  void addProcess(ProcessDefinition definition) {
    indexProcess(definition);
    countVersion(
        "PROCESS", definition.tenantId(), definition.bpmnProcessId(), definition.version());
  }

  private void indexProcess(ProcessDefinition definition) {
    processesByKey.put(definition.key(), definition);
    processVersions
        .computeIfAbsent(
            processId(definition.tenantId(), definition.bpmnProcessId()), k -> new TreeMap<>())
        .put(definition.version(), definition);
  }

  /** A deleted process version is gone; its version number stays taken. */
  void removeProcess(long processDefinitionKey) {
    ProcessDefinition deleted = processesByKey.remove(processDefinitionKey);
    if (deleted != null) {
      String id = processId(deleted.tenantId(), deleted.bpmnProcessId());
      NavigableMap<Integer, ProcessDefinition> versions = processVersions.get(id);
      versions.remove(deleted.version());
      if (versions.isEmpty()) {
        processVersions.remove(id);
      }
    }
  }

  /** A new form, decision or decision requirements graph version, its version number taken. */
  void addResource(DeployedResource deployed) {
    indexResource(deployed);
    countVersion(deployed.kind(), deployed.tenantId(), deployed.resourceId(), deployed.version());
  }

  private void indexResource(DeployedResource deployed) {
    resourcesByKey.put(deployed.key(), deployed);
    resourceVersions
        .computeIfAbsent(
            resourceId(deployed.kind(), deployed.tenantId(), deployed.resourceId()),
            k -> new TreeMap<>())
        .put(deployed.version(), deployed);
  }

  void linkDecision(long decisionKey, long decisionRequirementsKey) {
    decisionRequirementsByDecision.put(decisionKey, decisionRequirementsKey);
  }

  /**
   * A deleted form, decision or graph is gone; its version number stays taken (see {@link
   * #lastVersion}).
   */
  void removeResource(long key) {
    DeployedResource deleted = resourcesByKey.remove(key);
    if (deleted == null) {
      return;
    }
    decisionRequirementsByDecision.remove(deleted.key());
    String id = resourceId(deleted.kind(), deleted.tenantId(), deleted.resourceId());
    NavigableMap<Integer, DeployedResource> versions = resourceVersions.get(id);
    versions.remove(deleted.version());
    if (versions.isEmpty()) {
      resourceVersions.remove(id);
    }
  }

  private void countVersion(String kind, String tenantId, String id, int version) {
    lastVersions.merge(resourceId(kind, tenantId, id), version, Math::max);
  }

  // ---------------------------------------------------------------- snapshot

  void write(Out out) {
    out.i32(processesByKey.size());
    for (ProcessDefinition p : processesByKey.values()) {
      out.i64(p.key());
      out.sym(p.bpmnProcessId());
      out.i32(p.version());
      out.sym(p.versionTag());
      out.sym(p.resourceName());
      out.str(p.checksum());
      out.bytes(p.resource());
      out.i64(p.deploymentKey());
      out.sym(p.tenantId());
    }
    out.i32(resourcesByKey.size());
    for (DeployedResource r : resourcesByKey.values()) {
      out.i64(r.key());
      out.sym(r.kind());
      out.sym(r.resourceId());
      out.sym(r.name());
      out.i32(r.version());
      out.sym(r.resourceName());
      out.str(r.checksum());
      out.bytes(r.resource());
      out.i64(r.deploymentKey());
      out.sym(r.tenantId());
      out.sym(r.versionTag());
    }
    out.i32(decisionRequirementsByDecision.size());
    decisionRequirementsByDecision.forEach(
        (decision, drg) -> {
          out.i64(decision);
          out.i64(drg);
        });
    out.i32(lastVersions.size());
    lastVersions.forEach(
        (id, version) -> {
          out.sym(id);
          out.i32(version);
        });
  }

  /** Reads what {@link #write} wrote, transforming each deployed resource once. */
  void read(In in) {
    Map<String, List<ExecutableProcess>> transformed = new HashMap<>();
    for (int n = in.i32(); n > 0; n--) {
      long key = in.i64();
      String bpmnProcessId = in.sym();
      int version = in.i32();
      String versionTag = in.sym();
      String resourceName = in.sym();
      String checksum = in.str();
      byte[] resource = in.bytes();
      long deploymentKey = in.i64();
      String tenantId = in.sym();
      ExecutableProcess executable =
          executableOf(
              transformed.computeIfAbsent(
                  resourceName + "\u0000" + checksum,
                  k -> transformer.apply(resourceName, resource)),
              bpmnProcessId);
      indexProcess(
          new ProcessDefinition(
              key,
              bpmnProcessId,
              version,
              versionTag,
              resourceName,
              checksum,
              resource,
              deploymentKey,
              tenantId,
              executable));
    }
    for (int n = in.i32(); n > 0; n--) {
      indexResource(
          new DeployedResource(
              in.i64(),
              in.sym(),
              in.sym(),
              in.sym(),
              in.i32(),
              in.sym(),
              in.str(),
              in.bytes(),
              in.i64(),
              in.sym(),
              in.sym()));
    }
    for (int n = in.i32(); n > 0; n--) {
      decisionRequirementsByDecision.put(in.i64(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      lastVersions.put(in.sym(), in.i32());
    }
  }
}
