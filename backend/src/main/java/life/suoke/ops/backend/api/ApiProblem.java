package life.suoke.ops.backend.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers as an RFC 7807 problem detail ({@link ApiExceptionHandler}): a status, a
 * title, a detail sentence and, for bad input, each offending field with its reason. Throw it
 * before anything is written, so that a refused request changes nothing.
 */
public final class ApiProblem extends RuntimeException {

  /** One bad field: its name (a JSON path such as {@code variables.severity}) and why. */
  public record FieldError(String field, String reason) {}

  private final HttpStatus status;
  private final List<FieldError> errors;

  public ApiProblem(HttpStatus status, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static ApiProblem badRequest(String field, String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST, field + ": " + reason, List.of(new FieldError(field, reason)));
  }

  public static ApiProblem badRequest(List<FieldError> errors) {
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).reason()
            : errors.size() + " fields are invalid";
    return new ApiProblem(HttpStatus.BAD_REQUEST, detail, errors);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, detail, List.of());
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail, List.of());
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, detail, List.of());
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
