package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.processes.incident.IncidentProcess;
import life.suoke.ops.processes.oncall.OnCallEscalationProcess;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Escalation policies over HTTP (who may change them, every bad field named, nothing written on a
 * refusal), and an incident of a service with a policy: paged by the generic escalation subprocess,
 * the person it paged sees the incident and acknowledges it although they are in none of its
 * service's groups, and the resolution ends the escalation.
 */
class IncidentPolicyPagingTest extends IncidentTestSupport {

  private static final String POLICIES = "/api/oncall/escalation-policies";

  private String serviceWithTeam(String team) {
    String name = unique("policy-svc").toLowerCase();
    String tier1 = group("policy-t1");
    catalog.create(
        new ServiceDefinition(
            name,
            "Policy test service",
            "core",
            team,
            tier1,
            group("policy-t2"),
            group("policy-t3"),
            "default",
            List.of()),
        new CurrentUser("policy-tests", Set.of("admins")));
    return name;
  }

  private static Map<String, Object> policy(
      String id, String team, List<String> services, Object... levels) {
    return Map.of(
        "id",
        id,
        "name",
        "Checkout " + id,
        "team",
        team,
        "repeat",
        0,
        "levels",
        List.of(levels),
        "services",
        services);
  }

  private static Map<String, Object> level(String type, String target, String within) {
    return Map.of(
        "targets", List.of(Map.of("type", type, "id", target)), "acknowledgeWithin", within);
  }

  private long policies() {
    return jdbc.queryForObject("SELECT count(*) FROM escalation_policy", Long.class);
  }

  @Test
  void managersOfTheTeamAndAdminsChangePoliciesAndEveryBadFieldIsNamedWithNothingWritten() {
    String team = group("policy-team");
    String manager = user("policy-manager", Set.of(team), Set.of(team));
    String member = user("policy-member", team);
    String service = serviceWithTeam(team);
    String id = unique("pol").toLowerCase();

    long before = policies();
    ResponseEntity<JsonNode> bad =
        post(
            manager,
            POLICIES,
            Map.of(
                "id",
                "Bad Id!",
                "name",
                "",
                "team",
                "no-such-team",
                "calendarId",
                "no-calendar",
                "repeat",
                12,
                "repageAfter",
                "soon",
                "levels",
                List.of(
                    Map.of(
                        "targets",
                        List.of(
                            Map.of("type", "user", "id", "nobody-" + id),
                            Map.of("type", "pager", "id", "x")),
                        "acknowledgeWithin",
                        "PT10S",
                        "businessHoursOnlyFor",
                        List.of("P9"))),
                "services",
                List.of("no-such-service")));
    assertThat(bad.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(bad.getBody()))
        .contains(
            "id",
            "name",
            "team",
            "calendarId",
            "repeat",
            "repageAfter",
            "levels[0].targets[0].id",
            "levels[0].targets[1].type",
            "levels[0].acknowledgeWithin",
            "levels[0].businessHoursOnlyFor",
            "services[0]");
    ResponseEntity<JsonNode> noLevels = post(manager, POLICIES, policy(id, team, List.of(service)));
    assertThat(noLevels.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(noLevels.getBody())).containsExactly("levels");
    assertThat(policies()).isEqualTo(before);

    Map<String, Object> valid =
        policy(
            id,
            team,
            List.of(service),
            level("user", member, "PT5M"),
            level("group", team, "PT10M"));
    assertThat(post(member, POLICIES, valid).getStatusCode().value())
        .as("a member who manages nothing")
        .isEqualTo(403);
    assertThat(policies()).isEqualTo(before);

    ResponseEntity<JsonNode> created = post(manager, POLICIES, valid);
    assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
    assertThat(created.getBody().path("services").get(0).asText()).isEqualTo(service);
    assertThat(created.getBody().path("levels")).hasSize(2);
    assertThat(
            getOk(member, POLICIES + "/" + id)
                .path("levels")
                .get(1)
                .path("acknowledgeWithin")
                .asText())
        .isEqualTo("PT10M");

    // a service has one policy: another policy may not take it
    String other = unique("pol").toLowerCase();
    ResponseEntity<JsonNode> taken =
        post(
            manager,
            POLICIES,
            policy(other, team, List.of(service), level("user", member, "PT5M")));
    assertThat(taken.getStatusCode().value()).isEqualTo(400);
    assertThat(fields(taken.getBody())).containsExactly("services[0]");

    ResponseEntity<JsonNode> changed =
        put(
            manager,
            POLICIES + "/" + id,
            Map.of(
                "name",
                "Renamed",
                "team",
                team,
                "repeat",
                2,
                "repageAfter",
                "PT30M",
                "levels",
                List.of(level("user", member, "PT3M")),
                "services",
                List.of()));
    assertThat(changed.getStatusCode().value()).as("%s", changed.getBody()).isEqualTo(200);
    assertThat(changed.getBody().path("version").asInt()).isEqualTo(2);
    assertThat(changed.getBody().path("services")).isEmpty();
    assertThat(
            put(
                    member,
                    POLICIES + "/" + id,
                    Map.of(
                        "name",
                        "Mine",
                        "team",
                        team,
                        "levels",
                        List.of(level("user", member, "PT3M"))))
                .getStatusCode()
                .value())
        .isEqualTo(403);

    assertThat(
            jdbc.queryForList(
                "SELECT action FROM audit_event WHERE object_type = 'escalation-policy'"
                    + " AND object_id = ? ORDER BY seq",
                String.class,
                id))
        .containsExactly("oncall.policy-create", "oncall.policy-update");
    assertThat(
            http.withBasicAuth(manager, PASSWORD)
                .exchange(POLICIES + "/" + id, HttpMethod.DELETE, HttpEntity.EMPTY, JsonNode.class)
                .getStatusCode()
                .value())
        .isEqualTo(204);
    assertThat(get(manager, POLICIES + "/" + id).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void anIncidentOfAServiceWithAPolicyIsPagedByItAndThePagedPersonAcknowledges() {
    String team = group("policy-team");
    String manager = user("policy-manager", Set.of(team), Set.of(team));
    String expert = user("policy-expert"); // in none of the service's groups
    String reporter = user("policy-reporter");
    String service = serviceWithTeam(team);
    String id = unique("pol").toLowerCase();
    ResponseEntity<JsonNode> created =
        post(manager, POLICIES, policy(id, team, List.of(service), level("user", expert, "PT5M")));
    assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);

    String number = openReport(reporter, "critical", service);
    // the escalation subprocess pages the expert, who may now see the incident and acknowledge it
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(150))
        .until(() -> sentFor(number).stream().anyMatch(s -> s.recipient().equals(expert)));
    assertThat(sentFor(number)).noneMatch(s -> !s.recipient().equals(expert));
    JsonNode detail =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(150))
            .until(
                () -> get(expert, "/api/incidents/" + number),
                r ->
                    r.getStatusCode().value() == 200
                        && actions(r.getBody()).contains("acknowledge"))
            .getBody();
    assertThat(summaries(detail))
        .anyMatch(
            s -> s.equals("Paged level 1 of the escalation policy " + id + ": reached " + expert));
    assertThat(get(user("policy-outsider"), "/api/incidents/" + number).getStatusCode().value())
        .isEqualTo(403);

    ProcessInstance escalation =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(
                            f ->
                                f.processDefinitionId(OnCallEscalationProcess.PROCESS_ID)
                                    .parentProcessInstanceKey(
                                        incident(number).processInstanceKey()))
                        .send()
                        .join()
                        .items(),
                items -> !items.isEmpty())
            .get(0);

    JsonNode acknowledged = postOk(expert, "/api/incidents/" + number + "/acknowledge", null);
    assertThat(acknowledged.path("handler").asText()).isEqualTo(expert);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> actions(getOk(expert, "/api/incidents/" + number)).contains("resolve"));
    postOk(
        expert,
        "/api/incidents/" + number + "/resolve",
        Map.of("resolutionType", "permanent-fix", "resolutionSummary", "Rolled the cache back"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                client
                        .newProcessInstanceGetRequest(escalation.getProcessInstanceKey())
                        .send()
                        .join()
                        .getState()
                    == ProcessInstanceState.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newVariableSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(incident(number).processInstanceKey())
                                .name(IncidentProcess.VAR_ESCALATION_OUTCOME))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty() && items.get(0).getValue().contains("resolved"));
  }

  private static List<String> actions(JsonNode detail) {
    List<String> actions = new ArrayList<>();
    detail.path("actions").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  private static List<String> summaries(JsonNode detail) {
    List<String> summaries = new ArrayList<>();
    detail.path("timeline").forEach(e -> summaries.add(e.path("summary").asText()));
    return summaries;
  }
}
