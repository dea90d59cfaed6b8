package life.suoke.ops.engine.state;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A published message still within its time to live. It remembers the process instances and process
 * ids it was correlated to: a message correlates at most once per process instance, and starts at
 * most one instance per process.
 */
public final class BufferedMessage {

  public final long key;
  public final String name;
  public final String correlationKey;
  public final String messageId;
  public final Map<String, Object> variables;
  public final long timeToLive;
  public final long deadline;
  public final String tenantId;
  final Set<Long> correlatedInstances = new HashSet<>();
  final Set<String> correlatedProcesses = new HashSet<>();

  BufferedMessage(
      long key,
      String name,
      String correlationKey,
      String messageId,
      Map<String, Object> variables,
      long timeToLive,
      long deadline,
      String tenantId) {
    this.key = key;
    this.name = name;
    this.correlationKey = correlationKey;
    this.messageId = messageId;
    this.variables = variables;
    this.timeToLive = timeToLive;
    this.deadline = deadline;
    this.tenantId = tenantId;
  }

  public boolean correlatedTo(long processInstanceKey) {
    return correlatedInstances.contains(processInstanceKey);
  }

  public boolean startedAnInstanceOf(String bpmnProcessId) {
    return correlatedProcesses.contains(bpmnProcessId);
  }
}
