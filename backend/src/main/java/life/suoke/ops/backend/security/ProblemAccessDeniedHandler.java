package life.suoke.ops.backend.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/** 403 as a problem detail, saying whether the CSRF token or the user's rights were the reason. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    String detail =
        denied instanceof CsrfException
            ? "The CSRF token is missing or invalid: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header."
            : "You are not allowed to do this.";
    Problems.write(response, 403, "Forbidden", detail);
  }
}
