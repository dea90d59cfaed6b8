package life.suoke.ops.engine.processing;

import life.suoke.ops.engine.record.RejectionType;

/** A command the engine refuses; the gateways turn it into the protocol's error. */
public final class Rejection extends RuntimeException {

  private final RejectionType type;

  public Rejection(RejectionType type, String message) {
    super(message, null, false, false);
    this.type = type;
  }

  public RejectionType type() {
    return type;
  }

  public static Rejection notFound(String message, Object... args) {
    return new Rejection(RejectionType.NOT_FOUND, String.format(message, args));
  }

  public static Rejection invalidArgument(String message, Object... args) {
    return new Rejection(RejectionType.INVALID_ARGUMENT, String.format(message, args));
  }

  public static Rejection invalidState(String message, Object... args) {
    return new Rejection(RejectionType.INVALID_STATE, String.format(message, args));
  }
}
