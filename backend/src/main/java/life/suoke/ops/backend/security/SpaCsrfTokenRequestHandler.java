package life.suoke.ops.backend.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * CSRF for a single-page app: the UI reads the raw token from the {@code XSRF-TOKEN} cookie and
 * sends it back in the {@code X-XSRF-TOKEN} header; a token in a form parameter (a server-rendered
 * form) is the BREACH-protected, masked one.
 */
final class SpaCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

  private final CsrfTokenRequestHandler plain = new CsrfTokenRequestAttributeHandler();
  private final CsrfTokenRequestHandler xor = new XorCsrfTokenRequestAttributeHandler();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
    xor.handle(request, response, token);
    // render the token now, so that the cookie is set on this response
    token.get();
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
    String header = request.getHeader(token.getHeaderName());
    return StringUtils.hasText(header)
        ? plain.resolveCsrfTokenValue(request, token)
        : xor.resolveCsrfTokenValue(request, token);
  }
}
