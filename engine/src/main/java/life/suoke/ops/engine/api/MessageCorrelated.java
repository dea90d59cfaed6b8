package life.suoke.ops.engine.api;

/**
 * A message that was correlated (REST {@code /v2/messages/correlation}): the instance it reached.
 */
public record MessageCorrelated(long messageKey, long processInstanceKey, String tenantId) {}
