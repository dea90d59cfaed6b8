package life.suoke.ops.engine.api;

import java.util.Map;

/** A created process instance; {@code variables} is filled only for create-with-result. */
public record ProcessInstanceCreated(
    long processDefinitionKey,
    String bpmnProcessId,
    int version,
    long processInstanceKey,
    String tenantId,
    Map<String, Object> variables) {}
