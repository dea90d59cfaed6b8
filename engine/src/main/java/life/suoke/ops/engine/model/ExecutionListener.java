package life.suoke.ops.engine.model;

/**
 * One {@code zeebe:executionListener}: a job of {@code type} (static or FEEL) with {@code retries}
 * (static or FEEL) that runs when the element starts ({@code start}: after its input mappings,
 * before its behaviour) or ends ({@code end}: after its output mappings, before it is left).
 */
public record ExecutionListener(EventType eventType, Expression type, Expression retries) {

  /** When the listener runs; the names are Zeebe's {@code jobListenerEventType} values. */
  public enum EventType {
    START,
    END
  }
}
