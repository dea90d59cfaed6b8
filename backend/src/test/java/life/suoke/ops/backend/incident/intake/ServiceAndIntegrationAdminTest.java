package life.suoke.ops.backend.incident.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service catalog and the integrations, administered by admins; tokens shown once and kept
 * hashed.
 */
class ServiceAndIntegrationAdminTest extends IntakeTestSupport {

  @Autowired ServiceCatalog catalog;

  @Test
  void anIntegrationTokenIsShownOnceAndStoredOnlyAsItsHash() {
    String service = service("tokens");
    JsonNode created = integration("alertmanager", service, null);
    String token = created.get("token").asText();
    assertThat(token).matches("[0-9a-f]{32}");
    assertThat(created.get("url").asText()).endsWith("/api/integrations/alertmanager/" + token);

    String listed = admin().get("/api/admin/integrations").body();
    assertThat(listed).contains(created.get("id").asText()).doesNotContain(token);
    assertThat(count("SELECT count(*) FROM integration WHERE token_sha256 = ?", token)).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM integration WHERE token_sha256 = ?",
                Integrations.sha256(token)))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_event WHERE details LIKE ?", "%" + token + "%"))
        .isZero();

    // deleted: the token stops working at once
    assertThat(admin().delete("/api/admin/integrations/" + created.get("id").asText()).status())
        .isEqualTo(204);
    assertThat(
            alertmanager(token, alertmanagerPayload("gone", "firing", service, "fp:firing"))
                .status())
        .isEqualTo(401);
  }

  @Test
  void servicesAreValidatedFieldByField() {
    Browser.Response bad =
        admin()
            .post(
                "/api/admin/services",
                """
        {"name":"Bad Name","displayName":"","serviceClass":"gold","ownerGroup":"nobody",
         "tier1Group":"tier1-oncall","tier2Group":"tier2","labelRules":[{"label":"team"}]}""");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors").findValuesAsText("field"))
        .contains(
            "name", "displayName", "serviceClass", "ownerGroup", "tier3Group", "labelRules[0]");

    String name = service("dup");
    Browser.Response duplicate =
        admin().post("/api/admin/services", admin().get("/api/admin/services/" + name).body());
    assertThat(duplicate.status()).isEqualTo(409);

    Browser.Response badIntegration =
        admin()
            .post(
                "/api/admin/integrations",
                "{\"type\":\"carrier-pigeon\",\"name\":\"\",\"service\":\"nope\",\"heartbeatInterval\":\"PT1S\"}");
    assertThat(badIntegration.status()).isEqualTo(400);
    assertThat(badIntegration.json().get("errors").findValuesAsText("field"))
        .contains("type", "name", "service");

    Browser.Response badHeartbeat =
        admin()
            .post(
                "/api/admin/integrations",
                "{\"type\":\"heartbeat\",\"name\":\"hb-bad\",\"service\":\""
                    + name
                    + "\",\"heartbeatInterval\":\"PT1S\"}");
    assertThat(badHeartbeat.json().get("errors").findValuesAsText("field"))
        .containsExactly("heartbeatInterval");

    // a service with integrations cannot be deleted
    integration("events-v2", name, null);
    assertThat(admin().delete("/api/admin/services/" + name).status()).isEqualTo(409);
  }

  @Test
  void onlyAdminsChangeTheCatalogAndEveryoneSignedInReadsIt() {
    String service = service("readable");
    ApiClient responder =
        new ApiClient(port, newUser(directory, "responder", "tier1-oncall"), PASSWORD);
    ApiClient operator = new ApiClient(port, newUser(directory, "operator", "operators"), PASSWORD);

    assertThat(responder.get("/api/services").body()).contains(service);
    assertThat(responder.get("/api/admin/services").status()).isEqualTo(403);
    assertThat(responder.post("/api/admin/services", "{}").status()).isEqualTo(403);
    assertThat(responder.get("/api/admin/integrations").status()).isEqualTo(403);
    assertThat(operator.post("/api/admin/integrations", "{}").status()).isEqualTo(403);
    assertThat(responder.post("/api/admin/silences", "{}").status()).isEqualTo(403);
    assertThat(operator.get("/api/admin/silences").status()).isEqualTo(200);
  }

  @Test
  void alertsSeeTheCatalogAsChangedAtOnceAndServicesAddedElsewhere() {
    String service = service("cached");
    assertThat(catalog.find(service).orElseThrow().tier1Group()).isEqualTo("tier1-oncall");
    assertThat(catalog.match(Map.of("team", service))).isEmpty();

    // a change through the catalog is seen by the next alert, not after the copy's time
    Browser.Response updated =
        admin()
            .put(
                "/api/admin/services/" + service,
                """
        {"displayName":"%s service","serviceClass":"agent","ownerGroup":"incident-managers",
         "tier1Group":"tier2","tier2Group":"tier2","tier3Group":"tier3",
         "labelRules":[{"label":"team","value":"%s"}]}"""
                    .formatted(service, service));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(catalog.find(service).orElseThrow().tier1Group()).isEqualTo("tier2");
    assertThat(catalog.match(Map.of("team", service)).orElseThrow().name()).isEqualTo(service);

    // a service written by someone else (another instance) is found by its name at once
    String elsewhere = "elsewhere-" + UUID.randomUUID().toString().substring(0, 6);
    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group,"
            + " tier2_group, tier3_group, calendar_id) VALUES (?, 'Elsewhere', 'support',"
            + " 'incident-managers', 'tier1-oncall', 'tier2', 'tier3', 'default')",
        elsewhere);
    assertThat(catalog.find(elsewhere).orElseThrow().serviceClass()).isEqualTo("support");

    Browser.Response deleted = admin().delete("/api/admin/services/" + service);
    assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
    assertThat(catalog.find(service)).isEmpty();
    assertThat(catalog.match(Map.of("team", service))).isEmpty();
  }
}
