package life.suoke.ops.engine.gateway.rest;

/**
 * A request the REST gateway answers with an RFC 7807 problem of its own making (validation,
 * not-found reads, unimplemented endpoints), as opposed to a rejection by the engine.
 */
public final class RestProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;

  public RestProblem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  /** 400 with Camunda's title for request validation failures. */
  public static RestProblem invalidArgument(String detail, Object... args) {
    return new RestProblem(
        400, "INVALID_ARGUMENT", args.length == 0 ? detail : String.format(detail, args));
  }

  /** Camunda's message for a missing required property. */
  public static RestProblem missing(String field) {
    return invalidArgument("No %s provided.", field);
  }

  public static RestProblem notFound(String detail, Object... args) {
    return new RestProblem(
        404, "NOT_FOUND", args.length == 0 ? detail : String.format(detail, args));
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
