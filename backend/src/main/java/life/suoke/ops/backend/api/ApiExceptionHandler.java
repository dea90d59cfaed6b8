package life.suoke.ops.backend.api;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API is an RFC 7807 problem detail ({@code application/problem+json}) with a
 * {@code errors} list of {@code {field, reason}} when input was bad: the API's own {@link
 * ApiProblem}s, bean validation failures, unreadable JSON and access denials alike.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    return ResponseEntity.status(problem.status())
        .body(detail(problem.status(), problem.getMessage(), problem.errors()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException denied) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(detail(HttpStatus.FORBIDDEN, "You are not allowed to do this.", List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(e -> errors.add(new ApiProblem.FieldError(e.getField(), e.getDefaultMessage())));
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(
            e -> errors.add(new ApiProblem.FieldError(e.getObjectName(), e.getDefaultMessage())));
    ApiProblem problem = ApiProblem.badRequest(errors);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(detail(HttpStatus.BAD_REQUEST, problem.getMessage(), errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result ->
                result
                    .getResolvableErrors()
                    .forEach(
                        e ->
                            errors.add(
                                new ApiProblem.FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    e.getDefaultMessage()))));
    ApiProblem problem = ApiProblem.badRequest(errors);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(detail(HttpStatus.BAD_REQUEST, problem.getMessage(), errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String field = JsonErrors.field(ex);
    String reason = JsonErrors.reason(ex);
    List<ApiProblem.FieldError> errors = List.of(new ApiProblem.FieldError(field, reason));
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(
            detail(
                HttpStatus.BAD_REQUEST, field.isEmpty() ? reason : field + ": " + reason, errors));
  }

  static ProblemDetail detail(
      HttpStatus status, String detail, List<ApiProblem.FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }
}
