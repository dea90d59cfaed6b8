package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.ProblemDetail;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import life.suoke.ops.engine.processing.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns failures into the problem details Camunda 8.8's REST API answers with: the title is the
 * rejection (or error) code, the status follows the code (NOT_FOUND 404, INVALID_ARGUMENT 400,
 * INVALID_STATE and ALREADY_EXISTS 409, ...), the detail is the engine's message in the form the
 * gateway prints rejections, and the instance is the request path.
 */
final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  private static final URI ABOUT_BLANK = URI.create("about:blank");

  private Problems() {}

  static RestResponse of(int status, String title, String detail, String path) {
    ProblemDetail problem =
        new ProblemDetail()
            .type(ABOUT_BLANK)
            .title(title)
            .status(status)
            .detail(detail)
            .instance(instance(path));
    return RestResponse.problem(status, problem);
  }

  /**
   * The problem for a failed command or read; {@code intent} names the command in rejection
   * messages.
   */
  static RestResponse from(Throwable failure, String intent, String path) {
    Throwable cause = unwrap(failure);
    if (cause instanceof Failures.WithIntent named) {
      return from(named.getCause(), named.intent, path);
    }
    if (cause instanceof RestProblem problem) {
      return of(problem.status(), problem.title(), problem.getMessage(), path);
    }
    if (cause instanceof Rejection rejection) {
      String detail =
          String.format(
              "Command '%s' rejected with code '%s': %s",
              intent, rejection.type(), rejection.getMessage());
      int status =
          switch (rejection.type()) {
            case NOT_FOUND -> 404;
            case INVALID_ARGUMENT -> 400;
            case INVALID_STATE, ALREADY_EXISTS -> 409;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            default -> 500;
          };
      return of(status, rejection.type().name(), detail, path);
    }
    if (cause instanceof TimeoutException) {
      return of(
          504,
          "DEADLINE_EXCEEDED",
          "Expected to handle request, but request timed out between gateway and broker",
          path);
    }
    log.warn("REST request {} failed unexpectedly", path, cause);
    return of(
        500,
        "INTERNAL",
        "Unexpected error occurred during the request processing: " + cause.getMessage(),
        path);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static URI instance(String path) {
    try {
      return URI.create(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
