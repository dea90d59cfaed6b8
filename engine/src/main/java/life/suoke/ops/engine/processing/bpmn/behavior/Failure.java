package life.suoke.ops.engine.processing.bpmn.behavior;

/**
 * Why an element instance cannot go on: the error type and message of the incident that stops it.
 * Steps return it in an {@link Outcome}; the one that receives it raises the incident ({@link
 * IncidentBehavior#raise}).
 */
public record Failure(ErrorType type, String message) {}
