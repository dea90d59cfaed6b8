package life.suoke.ops.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import life.suoke.ops.oidctest.OidcProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bearer tokens from a real OIDC provider (started in-process, {@link OidcProvider}): the user name
 * and groups come from the token's claims and carry the same rights as a directory user's; a token
 * that is tampered with, or not a token at all, is refused.
 */
class OidcBearerTokenTest extends ApplicationTest {

  @LocalServerPort int port;

  @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}")
  String issuer;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Test
  void aTokenOfTheProviderSignsInWithTheGroupsOfItsClaim() throws Exception {
    Browser.Response me = new ApiClient(port, "Bearer " + token("oidc-responder")).get("/api/me");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("username").asText()).isEqualTo("oidc-responder");
    assertThat(me.json().get("groups").toString()).isEqualTo("[\"tier1-oncall\"]");
  }

  @Test
  void groupsFromTheClaimDecideWhatTheCallerMayDo() throws Exception {
    ApiClient responder = new ApiClient(port, "Bearer " + token("oidc-responder"));
    ApiClient nobody = new ApiClient(port, "Bearer " + token("oidc-nogroups"));

    assertThat(responder.get("/api/admin/users").status()).isEqualTo(403);
    assertThat(nobody.get("/api/admin/groups").status()).isEqualTo(403);
    assertThat(nobody.get("/api/me").json().get("groups")).isEmpty();
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String[] parts = token("oidc-nogroups").split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"groups\":[]", "\"groups\":[\"admins\"]");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    Browser.Response refused = new ApiClient(port, "Bearer " + forged).get("/api/admin/users");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(new ApiClient(port, "Bearer not-a-token").get("/api/me").status()).isEqualTo(401);
    // the refusal is audited without the token, which is a credential
    assertThat(
            jdbc.queryForList(
                "SELECT details::text FROM audit_event WHERE action = 'auth.sign-in-failed'",
                String.class))
        .isNotEmpty()
        .noneMatch(details -> details.contains(parts[2]));
    assertThat(jdbc.queryForList("SELECT actor FROM audit_event", String.class))
        .noneMatch(actor -> actor.contains(parts[2]));
  }

  /** A client_credentials access token from the provider's token endpoint. */
  private String token(String client) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (client + ":" + OidcProvider.secret(client)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&scope=api"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).get("access_token").asText();
  }
}
