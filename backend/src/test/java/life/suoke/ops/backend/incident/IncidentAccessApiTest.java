package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Who sees which incidents, the list's filters and paging, and bad input to the API. */
class IncidentAccessApiTest extends IncidentTestSupport {

  private static List<String> numbers(JsonNode page) {
    List<String> numbers = new ArrayList<>();
    page.path("items").forEach(i -> numbers.add(i.path("number").asText()));
    return numbers;
  }

  @Test
  void respondersManagersOperatorsAndAuditorsSeeEverythingOthersTheirOwnAndTheirServices() {
    String reporter = user("reporter");
    String outsider = user("outsider");
    String responder = user("responder", "tier1-oncall");
    String operator = user("operator", "operators");
    String auditor = user("auditor", "auditors");
    String serviceResponder = user("svc-responder", KNOWN_TIER2);
    String serviceManager = user("svc-manager", KNOWN_OWNERS);
    String unknownService = openReport(reporter, "error", "access-unknown-svc");
    String knownService = openReport(user("other-reporter"), "error", KNOWN_SERVICE);
    String path = "/api/incidents/" + unknownService;

    assertThat(get(outsider, path).getStatusCode().value()).isEqualTo(403);
    assertThat(numbers(getOk(outsider, "/api/incidents?size=200")))
        .doesNotContain(unknownService, knownService);
    assertThat(post(outsider, path + "/notes", Map.of("text", "hi")).getStatusCode().value())
        .isEqualTo(403);

    assertThat(numbers(getOk(reporter, "/api/incidents?size=200")))
        .contains(unknownService)
        .doesNotContain(knownService)
        .allSatisfy(n -> assertThat(incident(n).reporter()).isEqualTo(reporter));
    assertThat(getOk(reporter, path).path("actions").toString())
        .contains("\"notes\"")
        .doesNotContain("priority");

    for (String everything : List.of(responder, operator, auditor)) {
      assertThat(get(everything, path).getStatusCode().value()).isEqualTo(200);
      assertThat(numbers(getOk(everything, "/api/incidents?size=200&text=" + unknownService)))
          .containsExactly(unknownService);
    }
    assertThat(getOk(auditor, path).path("actions")).isEmpty();
    assertThat(post(auditor, path + "/escalate", null).getStatusCode().value()).isEqualTo(403);

    // the service's groups see the service's incidents, and its managers lead them
    assertThat(get(serviceResponder, "/api/incidents/" + knownService).getStatusCode().value())
        .isEqualTo(200);
    assertThat(get(serviceResponder, path).getStatusCode().value()).isEqualTo(403);
    assertThat(numbers(getOk(serviceManager, "/api/incidents?size=200")))
        .contains(knownService)
        .doesNotContain(unknownService);
    awaitStatus(knownService, IncidentStatus.TRIAGED);
    assertThat(getOk(serviceManager, "/api/incidents/" + knownService).path("actions").toString())
        .contains("priority", "cancel", "roles");
    assertThat(getOk(serviceResponder, "/api/incidents/" + knownService).path("actions").toString())
        .contains("escalate")
        .doesNotContain("priority");
  }

  @Test
  void theListFiltersPagesAndSortsNewestFirst() {
    String reporter = user("reporter");
    String manager = user("manager", "incident-managers");
    String serviceName = unique("list-svc");
    String first = openReport(reporter, "error", serviceName);
    String second = openReport(reporter, "warning", serviceName);
    String third = openReport(reporter, "info", serviceName);
    awaitStatus(third, IncidentStatus.TRIAGED);
    awaitStatus(second, IncidentStatus.TRIAGED);
    postOk(manager, "/api/incidents/" + second + "/cancel", Map.of("reason", "Not an incident"));
    jdbc.update("UPDATE incident SET handler = ? WHERE number = ?", manager, first);
    String base = "/api/incidents?service=" + serviceName;

    JsonNode all = getOk(manager, base);
    assertThat(numbers(all)).containsExactly(third, second, first);
    assertThat(all.path("total").asLong()).isEqualTo(3);
    assertThat(all.path("page").asInt()).isZero();
    assertThat(all.path("size").asInt()).isEqualTo(20);
    assertThat(all.path("items").get(0).path("title").asText()).isNotBlank();

    assertThat(numbers(getOk(manager, base + "&status=cancelled"))).containsExactly(second);
    assertThat(numbers(getOk(manager, base + "&status=open,triaged,acknowledged")))
        .containsExactly(third, first);
    assertThat(numbers(getOk(manager, base + "&assignee=" + manager))).containsExactly(first);
    String priority = incident(third).priority();
    assertThat(numbers(getOk(manager, base + "&priority=" + priority))).contains(third);
    assertThat(numbers(getOk(manager, "/api/incidents?text=" + first.toLowerCase())))
        .containsExactly(first);
    assertThat(numbers(getOk(manager, "/api/incidents?text=" + serviceName.toUpperCase())))
        .hasSize(3);

    JsonNode page0 = getOk(manager, base + "&size=2");
    JsonNode page1 = getOk(manager, base + "&size=2&page=1");
    assertThat(numbers(page0)).containsExactly(third, second);
    assertThat(numbers(page1)).containsExactly(first);
    assertThat(page1.path("total").asLong()).isEqualTo(3);

    String created = incident(second).createdAt().toString();
    assertThat(numbers(getOk(manager, base + "&from=" + created))).containsExactly(third, second);
    assertThat(numbers(getOk(manager, base + "&to=" + created))).containsExactly(first);
    assertThat(numbers(getOk(manager, base + "&from=" + Instant.now().plusSeconds(3600))))
        .isEmpty();
  }

  @Test
  void badListParametersAreNamed() {
    String responder = user("responder", "tier1-oncall");

    ResponseEntity<JsonNode> bad =
        get(responder, "/api/incidents?status=bogus&priority=P9&size=0&page=-1&from=yesterday");

    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(bad.getHeaders().getContentType().toString()).contains("application/problem+json");
    assertThat(fields(bad.getBody()))
        .containsExactlyInAnyOrder("status", "priority", "size", "page", "from");
  }

  @Test
  void badReportsAreRefusedNamingEveryFieldAndWriteNothing() {
    String reporter = user("reporter");
    long before = count();

    ResponseEntity<JsonNode> bad =
        post(
            reporter,
            "/api/incidents",
            Map.of(
                "title",
                "x".repeat(201),
                "service",
                "web",
                "severity",
                "fatal",
                "affectedUsers",
                "many",
                "dataOrSafetyImpact",
                "yes",
                "color",
                "red"));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(bad.getBody()))
        .containsExactlyInAnyOrder(
            "title", "severity", "affectedUsers", "dataOrSafetyImpact", "color");

    assertThat(fields(post(reporter, "/api/incidents", null).getBody()))
        .containsExactlyInAnyOrder("title", "service", "severity");
    assertThat(post(reporter, "/api/incidents", List.of(1, 2)).getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            fields(
                post(
                        reporter,
                        "/api/incidents",
                        Map.of(
                            "title",
                            "t",
                            "service",
                            "web",
                            "severity",
                            "error",
                            "description",
                            "d".repeat(10_001)))
                    .getBody()))
        .containsExactly("description");
    assertThat(
            post(
                    user("auditor", "auditors"),
                    "/api/incidents",
                    Map.of("title", "t", "service", "web", "severity", "error"))
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(count()).isEqualTo(before);
  }

  private long count() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
    return n == null ? 0 : n;
  }
}
