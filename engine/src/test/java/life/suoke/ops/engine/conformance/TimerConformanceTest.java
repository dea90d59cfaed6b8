package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.IncidentIntent;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.UserTaskIntent;
import org.junit.jupiter.api.Test;

/**
 * Timers on the engine clock, moved with Camunda's clock API (never by waiting): intermediate timer
 * events, interrupting and non-interrupting boundary timers, cycles, timer start events, terminate
 * end events, and timers that come due while the engine is down.
 */
class TimerConformanceTest extends ClockedEngineTest {

  List<Record> records(Intent intent) {
    return engine.events(intent);
  }

  boolean completed(long processInstanceKey) {
    return engine.completed(processInstanceKey);
  }

  @Test
  void intermediateTimerWaitsForItsDurationOnTheEngineClock() {
    deploy(
        Bpmn.createExecutableProcess("cool-down")
            .startEvent()
            .intermediateCatchEvent("wait-15m", e -> e.timerWithDuration("PT15M"))
            .serviceTask("after-wait", t -> t.zeebeJobType("after-cool-down"))
            .endEvent()
            .done(),
        "cool-down.bpmn");
    client.newCreateInstanceCommand().bpmnProcessId("cool-down").latestVersion().send().join();

    advance(Duration.ofMinutes(14));
    assertThat(activate("after-cool-down")).as("not due yet").isEmpty();

    advance(Duration.ofMinutes(1));
    assertThat(awaitJob("after-cool-down").getElementId()).isEqualTo("after-wait");
  }

  @Test
  void interruptingBoundaryTimerEscalatesAnUnansweredTask() {
    deploy(
        Bpmn.createExecutableProcess("p0-response")
            .startEvent()
            .userTask("acknowledge", t -> t.zeebeUserTask().zeebeCandidateGroups("tier-1"))
            .boundaryEvent(
                "not-acknowledged-in-5m",
                b -> b.timerWithDurationExpression("responseLimit").cancelActivity(true))
            .serviceTask("escalate", t -> t.zeebeJobType("escalate-to-tier-2"))
            .endEvent()
            .moveToActivity("acknowledge")
            .endEvent()
            .done(),
        "p0-response.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("p0-response")
            .latestVersion()
            .variables(Map.of("responseLimit", "PT5M"))
            .send()
            .join()
            .getProcessInstanceKey();

    advance(Duration.ofMinutes(5));

    ActivatedJob escalation = awaitJob("escalate-to-tier-2");
    assertThat(escalation.getProcessInstanceKey()).isEqualTo(key);
    await()
        .untilAsserted(
            () ->
                assertThat(records(UserTaskIntent.CANCELED))
                    .anyMatch(
                        r -> ((Number) r.value().get("processInstanceKey")).longValue() == key));
  }

  @Test
  void nonInterruptingCycleRemindsEveryHourWhileTheTaskStaysOpen() {
    deploy(
        Bpmn.createExecutableProcess("change-info-request")
            .startEvent()
            .serviceTask("answer", t -> t.zeebeJobType("answer-info-request"))
            .boundaryEvent("remind", b -> b.timerWithCycle("R3/PT1H").cancelActivity(false))
            .serviceTask("send-reminder", t -> t.zeebeJobType("send-reminder"))
            .endEvent()
            .moveToActivity("answer")
            .endEvent()
            .done(),
        "change-info-request.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("change-info-request")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    for (int hour = 1; hour <= 4; hour++) {
      advance(Duration.ofHours(1));
    }
    List<ActivatedJob> reminders =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> activate("send-reminder"), jobs -> jobs.size() == 3);
    assertThat(reminders).allSatisfy(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(key));
    assertThat(activate("answer-info-request")).as("the task itself is still open").hasSize(1);
  }

  @Test
  void completingTheActivityCancelsItsBoundaryTimer() {
    deploy(
        Bpmn.createExecutableProcess("quick-answer")
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("quick-work"))
            .boundaryEvent("too-slow", b -> b.timerWithDuration("PT1H"))
            .serviceTask("never", t -> t.zeebeJobType("never-escalated"))
            .endEvent()
            .moveToActivity("work")
            .endEvent()
            .done(),
        "quick-answer.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("quick-answer")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    client.newCompleteCommand(awaitJob("quick-work").getKey()).send().join();
    advance(Duration.ofHours(2));

    await().until(() -> completed(key));
    assertThat(activate("never-escalated")).isEmpty();
    assertThat(records(TimerIntent.CANCELED))
        .anyMatch(r -> ((Number) r.value().get("processInstanceKey")).longValue() == key);
  }

  @Test
  void timerStartEventStartsAnInstanceAtItsDateAndANewVersionReplacesIt() {
    String date = now.plus(Duration.ofDays(1)).toString();
    deploy(
        Bpmn.createExecutableProcess("capacity-review")
            .startEvent("at-date")
            .timerWithDate(date)
            .serviceTask("review", t -> t.zeebeJobType("capacity-review"))
            .endEvent()
            .done(),
        "capacity-review.bpmn");

    advance(Duration.ofDays(1));
    assertThat(awaitJob("capacity-review").getBpmnProcessId()).isEqualTo("capacity-review");

    deploy(
        Bpmn.createExecutableProcess("weekly-report")
            .startEvent("every-day")
            .timerWithCycle("R/P1D")
            .serviceTask("report", t -> t.zeebeJobType("weekly-report-v1"))
            .endEvent()
            .done(),
        "weekly-report.bpmn");
    deploy(
        Bpmn.createExecutableProcess("weekly-report")
            .startEvent("every-day")
            .timerWithCycle("R/P1D")
            .serviceTask("report", t -> t.zeebeJobType("weekly-report-v2"))
            .endEvent()
            .done(),
        "weekly-report.bpmn");
    advance(Duration.ofDays(1));
    advance(Duration.ofDays(1));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> activate("weekly-report-v2"), jobs -> !jobs.isEmpty());
    assertThat(activate("weekly-report-v1")).as("the old version's timer was canceled").isEmpty();
  }

  @Test
  void terminateEndEventEndsTheOtherBranches() {
    deploy(
        Bpmn.createExecutableProcess("rollback-on-failure")
            .startEvent()
            .parallelGateway("fork")
            .serviceTask("watch", t -> t.zeebeJobType("watch-metrics"))
            .endEvent("stop-all", e -> e.terminate())
            .moveToNode("fork")
            .serviceTask("shift", t -> t.zeebeJobType("shift-traffic"))
            .endEvent()
            .done(),
        "rollback-on-failure.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("rollback-on-failure")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    client.newCompleteCommand(awaitJob("watch-metrics").getKey()).send().join();

    await().until(() -> completed(key));
    assertThat(activate("shift-traffic")).isEmpty();
  }

  @Test
  void pinningTimeForwardFiresEveryDueTimerInDueOrder() {
    deploy(
        Bpmn.createExecutableProcess("staggered")
            .startEvent()
            .intermediateCatchEvent("wait", e -> e.timerWithDurationExpression("delay"))
            .endEvent()
            .done(),
        "staggered.bpmn");
    List<Long> keys = new ArrayList<>();
    for (String delay : List.of("PT30M", "PT10M", "PT20M")) {
      keys.add(
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("staggered")
              .latestVersion()
              .variables(Map.of("delay", delay))
              .send()
              .join()
              .getProcessInstanceKey());
    }
    await()
        .until(
            () ->
                records(TimerIntent.CREATED).stream()
                        .filter(
                            r ->
                                keys.contains(
                                    ((Number) r.value().get("processInstanceKey")).longValue()))
                        .count()
                    == 3);

    advance(Duration.ofHours(1));

    await().until(() -> keys.stream().allMatch(this::completed));
    List<Long> firingOrder =
        records(TimerIntent.TRIGGERED).stream()
            .map(r -> ((Number) r.value().get("processInstanceKey")).longValue())
            .filter(keys::contains)
            .toList();
    assertThat(firingOrder).containsExactly(keys.get(1), keys.get(2), keys.get(0));
  }

  @Test
  void cronCycleFiresOnWorkingDayMorningsOnly() {
    Instant monday8 = Instant.parse("2026-11-09T08:00:00Z");
    client.newPinClockCommand().time(monday8).send().join();
    now = monday8;
    deploy(
        Bpmn.createExecutableProcess("on-call-reminder")
            .startEvent()
            .serviceTask("shift", t -> t.zeebeJobType("on-call-shift"))
            .boundaryEvent(
                "morning", b -> b.cancelActivity(false).timerWithCycle("0 0 9 * * MON-FRI"))
            .serviceTask("remind", t -> t.zeebeJobType("remind-on-call"))
            .endEvent()
            .moveToActivity("shift")
            .endEvent()
            .done(),
        "on-call-reminder.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("on-call-reminder")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    for (int day = 0; day < 7; day++) { // Monday 08:00 to the next Monday 08:00
      advance(Duration.ofDays(1));
    }

    List<ActivatedJob> reminders =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> activate("remind-on-call"), jobs -> jobs.size() == 5);
    assertThat(reminders).allSatisfy(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(key));
  }

  @Test
  void resetClockFollowsTheSystemClockAgain() {
    client.newPinClockCommand().time(Instant.parse("2100-01-01T00:00:00Z")).send().join();
    assertThat(engine.engine.api().query(state -> state.clock().getAsLong()).join())
        .isEqualTo(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli());

    client.newResetClockCommand().send().join();

    long engineTime = engine.engine.api().query(state -> state.clock().getAsLong()).join();
    assertThat(Math.abs(engineTime - System.currentTimeMillis())).isLessThan(60_000);
    client.newPinClockCommand().time(now).send().join();
  }

  @Test
  void invalidTimerExpressionIsAnIncidentWithTheReason() {
    deploy(
        Bpmn.createExecutableProcess("bad-timer")
            .startEvent()
            .intermediateCatchEvent("wait", e -> e.timerWithDurationExpression("waitFor"))
            .endEvent()
            .done(),
        "bad-timer.bpmn");
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("bad-timer")
            .latestVersion()
            .variables(Map.of("waitFor", "soon"))
            .send()
            .join()
            .getProcessInstanceKey();

    await()
        .untilAsserted(
            () ->
                assertThat(records(IncidentIntent.CREATED))
                    .anyMatch(
                        r ->
                            ((Number) r.value().get("processInstanceKey")).longValue() == key
                                && "EXTRACT_VALUE_ERROR".equals(r.value().get("errorType"))
                                && String.valueOf(r.value().get("errorMessage")).contains("soon")));
  }

  @Test
  void pinningTheClockWithoutATimestampIsAProblemNamingTheField() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:" + engine.engine.restPort() + "/v2/clock"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(response.body()).contains("timestamp");
  }
}
