package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Services, integrations and raw sends to the intake endpoints, as an alert source makes them. */
abstract class IntakeTestSupport extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;

  private ApiClient admin;
  private final HttpClient http = HttpClient.newHttpClient();

  ApiClient admin() {
    if (admin == null) {
      admin = new ApiClient(port, newUser(directory, "intake-admin", "admins"), PASSWORD);
    }
    return admin;
  }

  /** A new service (core class, the default tier groups) and its name. */
  String service(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    Browser.Response created =
        admin()
            .post(
                "/api/admin/services",
                """
        {"name":"%s","displayName":"%s service","serviceClass":"core","ownerGroup":"incident-managers",
         "tier1Group":"tier1-oncall","tier2Group":"tier2","tier3Group":"tier3"}"""
                    .formatted(name, name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return name;
  }

  /** A new integration of the type for the service; answers the creation (with its token). */
  JsonNode integration(String type, String service, String heartbeatInterval) {
    String name = type + "-" + UUID.randomUUID().toString().substring(0, 8);
    String interval =
        heartbeatInterval == null ? "" : ",\"heartbeatInterval\":\"" + heartbeatInterval + "\"";
    Browser.Response created =
        admin()
            .post(
                "/api/admin/integrations",
                "{\"type\":\"%s\",\"name\":\"%s\",\"service\":\"%s\"%s}"
                    .formatted(type, name, service, interval));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json();
  }

  String token(String type, String service) {
    return integration(type, service, null).get("token").asText();
  }

  /** A send as an alert source makes it: no session, no CSRF token, a body of the given type. */
  Browser.Response send(String path, String contentType, String body) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                  .header("Content-Type", contentType)
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Browser.Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Browser.Response alertmanager(String token, String body) {
    return send("/api/integrations/alertmanager/" + token, "application/json", body);
  }

  Browser.Response enqueue(String body) {
    return send("/api/integrations/events/v2/enqueue", "application/json", body);
  }

  /**
   * An Alertmanager v4 payload of a group with alerts given as {@code fingerprint:status} pairs.
   */
  static String alertmanagerPayload(
      String groupKey, String status, String service, String... alerts) {
    StringBuilder items = new StringBuilder();
    for (String alert : alerts) {
      String[] parts = alert.split(":", 3);
      String fingerprint = parts[0];
      String alertStatus = parts[1];
      String startsAt = parts.length > 2 ? parts[2] : "2026-12-03T02:00:00Z";
      if (items.length() > 0) {
        items.append(',');
      }
      items.append(
          """
          {"status":"%s","labels":{"alertname":"HighErrorRate","service":"%s","instance":"%s","severity":"critical"},
           "annotations":{"summary":"Error rate above 5%% on %s"},"startsAt":"%s",
           "endsAt":"%s","generatorURL":"http://prometheus.local/graph?g0.expr=errors","fingerprint":"%s"}"""
              .formatted(
                  alertStatus,
                  service,
                  fingerprint,
                  fingerprint,
                  startsAt,
                  alertStatus.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-12-03T03:00:00Z",
                  fingerprint));
    }
    return """
        {"version":"4","groupKey":"%s","truncatedAlerts":0,"status":"%s","receiver":"suoke",
         "groupLabels":{"alertname":"HighErrorRate"},
         "commonLabels":{"alertname":"HighErrorRate","service":"%s","severity":"critical"},
         "commonAnnotations":{"summary":"High error rate on %s"},
         "externalURL":"http://alertmanager.local","alerts":[%s]}"""
        .formatted(
            groupKey.replace("\\", "\\\\").replace("\"", "\\\""), status, service, service, items);
  }

  int count(String sql, Object... args) {
    Integer n = jdbc.queryForObject(sql, Integer.class, args);
    return n == null ? 0 : n;
  }

  /** Rows that any send writes: a refused send changes none of them. */
  int writtenRows() {
    return count(
        "SELECT (SELECT count(*) FROM alert_group) + (SELECT count(*) FROM incident_alert)"
            + " + (SELECT count(*) FROM incident)");
  }
}
