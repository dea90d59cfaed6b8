package life.suoke.ops.backend.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API call with 401 and a problem detail. API clients are told they may
 * use HTTP Basic ({@code WWW-Authenticate}); the UI's own requests ({@code X-Requested-With:
 * XMLHttpRequest}) are not, so that the browser shows the sign-in page rather than its own dialog.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint {

  private final boolean offerBasic;

  ProblemEntryPoint(boolean offerBasic) {
    this.offerBasic = offerBasic;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    if (offerBasic && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"suoke-ops\"");
    }
    Problems.write(
        response, 401, "Unauthorized", "Sign in first: this endpoint needs an authenticated user.");
  }
}
