package life.suoke.ops.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sign-in by form (session cookie and CSRF), by HTTP Basic, sign-out, refusals, throttling, audit.
 */
class SignInTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;

  @Test
  void formSignInGivesASessionThatKnowsTheUserAndSignOutEndsIt() {
    String user = newUser(directory, "responder", "tier1-oncall");
    Browser browser = new Browser(port);

    assertThat(browser.get("/api/me").status()).isEqualTo(401);
    Browser.Response signIn = browser.signIn(user, PASSWORD);
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.json().get("username").asText()).isEqualTo(user);

    Browser.Response me = browser.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("groups").toString()).contains("tier1-oncall");
    assertThat(me.json().get("roles")).isEmpty();

    assertThat(browser.signOut().status()).isEqualTo(204);
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
    assertThat(auditActions(user)).contains("auth.sign-in", "auth.sign-out");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndAStateChangeWithoutTheCsrfTokenIsRefused() {
    String admin = newUser(directory, "admin", "admins");
    Browser browser = new Browser(port);
    browser.signIn(admin, PASSWORD);

    String group = "csrf-" + System.nanoTime();
    Browser.Response forged =
        browser.postWithoutCsrf(
            "/api/admin/groups", "{\"name\":\"" + group + "\",\"displayName\":\"Forged\"}");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.json().get("detail").asText()).contains("CSRF");
    assertThat(directory.groupExists(group)).isFalse();

    assertThat(
            browser
                .post("/api/admin/groups", "{\"name\":\"" + group + "\",\"displayName\":\"Real\"}")
                .status())
        .isEqualTo(201);
    assertThat(directory.groupExists(group)).isTrue();
  }

  @Test
  void aWrongPasswordIsRefusedAndAudited() {
    String user = newUser(directory, "guesser", "tier2");
    Browser browser = new Browser(port);

    Browser.Response refused = browser.signIn(user, "not-the-password");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("detail").asText()).contains("Wrong user name or password");
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
    assertThat(auditActions(user)).contains("auth.sign-in-failed");
    assertThat(
            jdbc.queryForList(
                "SELECT details::text FROM audit_event WHERE actor = ?", String.class, user))
        .noneMatch(details -> details.contains("not-the-password"));
  }

  @Test
  void aDisabledUserCannotSignIn() {
    String user = newUser(directory, "leaver", "tier2");
    UserAccount account = directory.user(user).orElseThrow();
    directory.updateUser(
        new UserAccount(
            user,
            account.displayName(),
            null,
            null,
            null,
            account.groups(),
            account.managedGroups(),
            false),
        null);

    Browser.Response refused = new Browser(port).signIn(user, PASSWORD);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().get("detail").asText()).contains("disabled");
    assertThat(new ApiClient(port, user, PASSWORD).get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void apiClientsUseHttpBasicWithTheSameUsersWithoutCsrf() {
    String user = newUser(directory, "script", "operators");
    ApiClient api = new ApiClient(port, user, PASSWORD);

    Browser.Response me = api.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("roles").toString()).contains("OPERATOR");
    assertThat(new ApiClient(port, user, "wrong-password").get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void repeatedFailuresLockTheUserOutFromThatAddressEvenWithTheRightPassword() {
    String user = newUser(directory, "target", "tier1-oncall");
    for (int i = 0; i < 5; i++) {
      assertThat(new Browser(port).signIn(user, "guess-" + i).status()).isEqualTo(401);
    }

    Browser.Response throttled = new Browser(port).signIn(user, PASSWORD);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(new ApiClient(port, user, PASSWORD).get("/api/me").status()).isEqualTo(429);

    // another user from the same address is not affected
    String other = newUser(directory, "bystander", "tier1-oncall");
    assertThat(new Browser(port).signIn(other, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void unauthenticatedApiCallsGetAProblemDetailAndBrowsersTheSignInPage() {
    Browser.Response api = new Browser(port).get("/api/admin/users");
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElse(""))
        .contains("application/problem+json");
    assertThat(api.headers().firstValue("WWW-Authenticate")).isEmpty();

    Browser.Response script =
        new ApiClient(port, "Bearer nothing-configured").get("/api/admin/users");
    assertThat(script.status()).isEqualTo(401);
  }

  private List<String> auditActions(String actor) {
    return jdbc.queryForList(
        "SELECT action FROM audit_event WHERE actor = ? ORDER BY id", String.class, actor);
  }
}
