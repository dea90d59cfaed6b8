package life.suoke.ops.engine.model;

/** A sequence flow; {@code condition} is null for an unconditional flow. */
public record SequenceFlow(String id, String sourceId, String targetId, Expression condition) {}
