package life.suoke.ops.backend.oncall.escalation;

import static life.suoke.ops.processes.oncall.OnCallEscalationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.PagingGateway;
import life.suoke.ops.processes.oncall.EscalationPolicy;
import life.suoke.ops.processes.oncall.EscalationPolicy.Level;
import life.suoke.ops.processes.oncall.EscalationPolicy.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The escalation policy's jobs done by the application's workers, on the real engine and paging
 * gateway.
 */
class EscalationWorkersTest extends ApplicationTest {

  private static final String PASSWORD = "Escalation-test-password-1";

  @Autowired CamundaClient client;
  @Autowired UserDirectory directory;
  @Autowired EscalationService escalations;
  @Autowired BusinessCalendars calendars;

  String suffix;
  String team;
  String ann;
  String bob;
  String annMobile;
  String bobMobile;

  @BeforeEach
  void team() {
    suffix = UUID.randomUUID().toString().substring(0, 8);
    team = "escalation-team-" + suffix;
    directory.createGroup(team, "Escalation team " + suffix);
    annMobile = "+86 139 " + (10_000_000 + Math.abs(suffix.hashCode() % 89_999_999));
    bobMobile = "+86 137 " + (10_000_000 + Math.abs((suffix + "b").hashCode() % 89_999_999));
    ann = person("ann-" + suffix, annMobile);
    bob = person("bob-" + suffix, bobMobile);
  }

  String person(String name, String mobile) {
    directory.createUser(
        new UserAccount(name, name + " display", null, mobile, null, Set.of(team), Set.of(), true),
        PASSWORD);
    return name;
  }

  long start(EscalationPolicy policy, String key, String priority) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(policy.startVariables(key, "INC-ESC-" + suffix, "escalation-svc", priority))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  String variable(long instance, String name) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newVariableSearchRequest()
                    .filter(f -> f.processInstanceKey(instance).name(name))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty())
        .get(0)
        .getValue();
  }

  void completed(long instance) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.newProcessInstanceGetRequest(instance).send().join().getState()
                    == ProcessInstanceState.COMPLETED);
  }

  @Test
  void
      aRoundRobinLevelPagesTheNextPersonInTurnForEachEscalationAndEndsWhenAcknowledgedAndResolved() {
    EscalationPolicy policy =
        new EscalationPolicy(
            "rr-" + suffix,
            null,
            0,
            null,
            List.of(new Level(List.of(Target.group(team)), "PT30M", true, List.of())));
    String first = "ESC-1-" + suffix;
    long one = start(policy, first, "P1");
    String firstPaged =
        await().atMost(Duration.ofSeconds(30)).until(() -> paged(first), p -> p != null);

    String second = "ESC-2-" + suffix;
    long two = start(policy, second, "P1");
    String secondPaged =
        await().atMost(Duration.ofSeconds(30)).until(() -> paged(second), p -> p != null);
    assertThat(Set.of(firstPaged, secondPaged))
        .as("the second escalation starts with the next person")
        .containsExactlyInAnyOrder(ann, bob);

    for (long instance : List.of(one, two)) {
      String key = instance == one ? first : second;
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE_ACKNOWLEDGED)
          .correlationKey(key)
          .variables(Map.of(VAR_ACKNOWLEDGED_BY, instance == one ? firstPaged : secondPaged))
          .send()
          .join();
      client
          .newPublishMessageCommand()
          .messageName(MESSAGE_RESOLVED)
          .correlationKey(key)
          .send()
          .join();
      completed(instance);
      assertThat(variable(instance, VAR_OUTCOME)).isEqualTo("\"" + OUTCOME_RESOLVED + "\"");
    }
    assertThat(variable(one, VAR_ACKNOWLEDGED_BY)).isEqualTo("\"" + firstPaged + "\"");
    // one text message each: nobody was paged twice for one turn
    assertThat(
            Stream.concat(
                    PagingGateway.shared().to(annMobile).stream(),
                    PagingGateway.shared().to(bobMobile).stream())
                .filter(d -> d.channel().equals("sms"))
                .toList())
        .hasSize(2);
  }

  @Test
  void anUnusablePolicyEndsTheEscalationAsInvalidSoThatTheCallerCanFallBack() {
    EscalationPolicy policy =
        new EscalationPolicy(
            "bad-" + suffix,
            null,
            0,
            null,
            List.of(new Level(List.of(new Target("pager", "x", null)), "PT5M", false, List.of())));
    long instance = start(policy, "ESC-BAD-" + suffix, "P1");
    completed(instance);
    assertThat(variable(instance, VAR_OUTCOME)).isEqualTo("\"" + OUTCOME_INVALID_POLICY + "\"");
    assertThat(variable(instance, VAR_ESCALATION_ERROR)).contains("pager");
    assertThat(PagingGateway.shared().to(annMobile)).isEmpty();
  }

  @Test
  void aLevelForBusinessHoursOnlyWaitsForTheNextStartOfWorkingTime() {
    EscalationPolicy policy =
        new EscalationPolicy(
            "hours-" + suffix,
            null,
            0,
            null,
            List.of(new Level(List.of(Target.user(ann)), "PT5M", false, List.of("P2", "P3"))));
    @SuppressWarnings("unchecked")
    Map<String, Object> level =
        ((List<Map<String, Object>>) policy.toMap().get(EscalationPolicy.FIELD_LEVELS)).get(0);
    // Saturday 3 October 2026, 03:00 in Shanghai: National Day holiday and night.
    Instant night = ZonedDateTime.parse("2026-10-03T03:00:00+08:00[Asia/Shanghai]").toInstant();
    Instant until = escalations.waitUntil(level, null, "P2", night).orElseThrow();
    assertThat(until).isAfter(night);
    assertThat(calendars.isWorkingTime(BusinessCalendars.DEFAULT, until)).isTrue();
    assertThat(calendars.isWorkingTime(BusinessCalendars.DEFAULT, until.minusSeconds(60)))
        .isFalse();
    // P1 is not limited to business hours; P2 in working time pages at once.
    assertThat(escalations.waitUntil(level, null, "P1", night)).isEmpty();
    assertThat(escalations.waitUntil(level, null, "P2", until)).isEmpty();
  }

  /**
   * Whom the escalation's first page reached: the person whose SMS carries the escalation's number.
   */
  private String paged(String key) {
    List<PagingGateway.Delivery> toAnn = PagingGateway.shared().to(annMobile);
    List<PagingGateway.Delivery> toBob = PagingGateway.shared().to(bobMobile);
    if (toAnn.stream()
        .anyMatch(d -> d.idempotencyKey() != null && d.idempotencyKey().startsWith(key))) {
      return ann;
    }
    if (toBob.stream()
        .anyMatch(d -> d.idempotencyKey() != null && d.idempotencyKey().startsWith(key))) {
      return bob;
    }
    return null;
  }
}
