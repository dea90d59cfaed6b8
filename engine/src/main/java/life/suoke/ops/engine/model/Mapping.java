package life.suoke.ops.engine.model;

/**
 * One {@code zeebe:input} or {@code zeebe:output}: a FEEL expression and the variable (path) it
 * sets.
 */
public record Mapping(Expression source, String target) {}
