package life.suoke.ops.engine.gateway.rest;

import java.util.concurrent.CompletionException;

/**
 * Lets an endpoint name the command in a rejection's message when it differs from the route's
 * intent (create with result is {@code CREATE_WITH_AWAITING_RESULT} on the same path as create).
 */
final class Failures {

  private Failures() {}

  /** A failure carrying the intent to print; {@link Problems} unwraps it. */
  static final class WithIntent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String intent;

    WithIntent(Throwable cause, String intent) {
      super(cause.getMessage(), cause, false, false);
      this.intent = intent;
    }
  }

  static RuntimeException withIntent(Throwable failure, String intent) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return new WithIntent(cause, intent);
  }
}
