package life.suoke.ops.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

class EndpointSecurityTest extends ApplicationTest {

  @Autowired TestRestTemplate http;
  @org.springframework.boot.test.web.server.LocalServerPort int port;

  @Test
  void healthIsPublicButOtherEndpointsNeedLogin() {
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(http.exchange(json("/actuator/metrics"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/actuator/health/db", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void browsersAreSentToTheSignInPage() throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/actuator/metrics"))
                    .header("Accept", "text/html")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/signin");

    ResponseEntity<String> signIn = http.getForEntity("/signin", String.class);
    assertThat(signIn.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(signIn.getBody()).contains("<div id=\"root\"");
  }

  @Test
  void generatedAdministratorPasswordIsKeptOutOfTheRepositoryAndWorks() throws Exception {
    String password = Files.readString(dataDir().resolve("admin-password")).trim();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);

    assertThat(
            http.withBasicAuth("admin", password)
                .exchange(json("/actuator/metrics"), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(
            http.withBasicAuth("admin", "wrong")
                .exchange(json("/actuator/metrics"), String.class)
                .getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void alertSourcesNeedTheirTokenAndGetNoSessionOrCsrfCookie() {
    ResponseEntity<String> wrongToken =
        http.exchange(
            RequestEntity.post("/api/integrations/alertmanager/not-a-token")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"alerts\":[]}"),
            String.class);
    assertThat(wrongToken.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(wrongToken.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    // the webhook's own chain: no session, no CSRF token for a caller that is not a browser
    assertThat(wrongToken.getHeaders().get("Set-Cookie")).isNull();
    // while the application's chain hands a browser its CSRF cookie
    assertThat(
            http.exchange(json("/actuator/metrics"), String.class).getHeaders().get("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN="));
  }

  private static RequestEntity<Void> json(String path) {
    return RequestEntity.get(path).accept(MediaType.APPLICATION_JSON).build();
  }

  @Test
  void servesTheTasklistUiAtTheRoot() {
    ResponseEntity<String> page = http.getForEntity("/", String.class);

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(page.getBody()).contains("<div id=\"root\"");
  }
}
