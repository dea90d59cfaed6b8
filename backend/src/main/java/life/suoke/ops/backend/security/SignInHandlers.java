package life.suoke.ops.backend.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * The UI's sign-in and sign-out as JSON (no redirects), and the audit of every sign-in, failed
 * sign-in (form or Basic) and sign-out. The failed attempts also feed the {@link SignInThrottle}.
 * Only the user name and the address are recorded, never the password tried.
 */
@Component
class SignInHandlers
    implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

  private final AuditTrail audit;
  private final SignInThrottle throttle;
  private final ObjectMapper json;

  SignInHandlers(AuditTrail audit, SignInThrottle throttle, ObjectMapper json) {
    this.audit = audit;
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication auth)
      throws IOException {
    CurrentUser user = CurrentUser.of(auth);
    response.setStatus(200);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(), Map.of("username", user.username(), "groups", user.groups()));
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    String detail =
        e instanceof DisabledException
            ? "This account is disabled."
            : "Wrong user name or password.";
    Problems.write(response, 401, "Unauthorized", detail);
  }

  @Override
  public void logout(
      HttpServletRequest request, HttpServletResponse response, Authentication auth) {
    if (auth != null) {
      audit.record(
          AuditEvent.of(auth.getName(), AuditActions.SIGN_OUT, "user", auth.getName())
              .withDetail("address", request.getRemoteAddr()));
    }
  }

  @EventListener
  void signedIn(InteractiveAuthenticationSuccessEvent event) {
    Authentication auth = event.getAuthentication();
    String address = address(auth.getDetails());
    throttle.succeeded(auth.getName(), address);
    audit.record(
        AuditEvent.of(auth.getName(), AuditActions.SIGN_IN, "user", auth.getName())
            .withDetail("address", address));
  }

  @EventListener
  void signInFailed(AbstractAuthenticationFailureEvent event) {
    Authentication auth = event.getAuthentication();
    String address = address(auth.getDetails());
    if (auth
        instanceof
        org.springframework.security.oauth2.server.resource.authentication
            .BearerTokenAuthenticationToken) {
      // the "name" of a bearer authentication is the token itself: a secret, never recorded
      audit.record(
          AuditEvent.of("anonymous", AuditActions.SIGN_IN_FAILED, "bearer-token", "-")
              .withDetail("address", address)
              .withDetail("reason", event.getException().getClass().getSimpleName()));
      return;
    }
    String username = auth.getName() == null ? "" : auth.getName();
    if (username.length() > 100) {
      username = username.substring(0, 100);
    }
    throttle.failed(username, address);
    audit.record(
        AuditEvent.of(
                username.isEmpty() ? "anonymous" : username,
                AuditActions.SIGN_IN_FAILED,
                "user",
                username.isEmpty() ? "-" : username)
            .withDetail("address", address)
            .withDetail("reason", event.getException().getClass().getSimpleName()));
  }

  private static String address(Object details) {
    return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
        ? web.getRemoteAddress()
        : "unknown";
  }
}
