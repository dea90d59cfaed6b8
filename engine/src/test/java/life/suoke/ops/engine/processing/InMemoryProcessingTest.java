package life.suoke.ops.engine.processing;

import static life.suoke.ops.engine.testsupport.InMemoryEngine.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.StateComparison;
import life.suoke.ops.engine.testsupport.InMemoryEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The processing loop and its processors on the in-memory log: the same commands, records and state
 * as on PostgreSQL, in milliseconds, so processors and appliers can be tested without a database.
 */
class InMemoryProcessingTest {

  private InMemoryEngine engine = InMemoryEngine.start();

  @AfterEach
  void close() {
    engine.close();
  }

  private static BpmnModelInstance oneTask() {
    return Bpmn.createExecutableProcess("mem-one-task")
        .startEvent("start")
        .serviceTask("work", t -> t.zeebeJobType("mem-work"))
        .endEvent("end")
        .done();
  }

  private static BpmnModelInstance review() {
    return Bpmn.createExecutableProcess("mem-review")
        .startEvent()
        .userTask("review", t -> t.zeebeUserTask().zeebeCandidateGroups("ops"))
        .endEvent()
        .done();
  }

  private long create(String bpmnProcessId, Map<String, Object> variables) {
    return join(engine.api().createProcessInstance(-1, bpmnProcessId, -1, variables, "<default>"))
        .processInstanceKey();
  }

  private List<ActivatedJob> activate(String type) {
    return join(
        engine
            .api()
            .activateJobs(type, "test", Duration.ofMinutes(5), 10, List.of(), Duration.ZERO));
  }

  @Test
  void aServiceTaskRunsToItsEndThroughTheApi() {
    engine.deploy(oneTask());
    long instance = create("mem-one-task", Map.of("orderId", 42));

    List<ActivatedJob> jobs = activate("mem-work");
    assertThat(jobs)
        .singleElement()
        .satisfies(j -> assertThat(j.processInstanceKey()).isEqualTo(instance));
    join(engine.api().completeJob(jobs.get(0).key(), Map.of("done", true)));

    List<Record> completed = engine.events(ProcessInstanceIntent.ELEMENT_COMPLETED);
    assertThat(completed)
        .extracting(r -> r.value().get("elementId"))
        .containsExactly("start", "work", "end", "mem-one-task");
    assertThat(completed.get(completed.size() - 1).key()).isEqualTo(instance);
    assertThat(engine.events(JobIntent.COMPLETED)).hasSize(1);
    assertThat(engine.events(VariableIntent.CREATED))
        .extracting(r -> r.value().get("name"))
        .containsExactly("orderId", "done");
  }

  @Test
  void aRejectedCommandWritesItsRejectionAndNoEvent() {
    long eventsBefore = events();
    assertThatThrownBy(() -> join(engine.api().completeJob(2251799813685249L + 999, Map.of())))
        .isInstanceOfSatisfying(
            Rejection.class, r -> assertThat(r.type()).isEqualTo(RejectionType.NOT_FOUND));
    assertThat(events()).isEqualTo(eventsBefore);
    List<Record> all = engine.log().read(0, 100);
    assertThat(all)
        .extracting(Record::recordType)
        .containsExactly(RecordType.COMMAND, RecordType.COMMAND_REJECTION);
  }

  @Test
  void aRestartReplaysTheLogIntoTheSameState() {
    engine.deploy(review(), oneTask());
    for (int i = 0; i < 5; i++) {
      create("mem-review", Map.of("n", i, "title", "request " + i));
    }
    create("mem-one-task", Map.of());
    EngineState before = join(engine.api().query(s -> s));

    engine = engine.restart();

    EngineState after = join(engine.api().query(s -> s));
    assertThat(after.userTasks()).hasSize(5);
    StateComparison.assertSame(before, after);
    assertThat(activate("mem-work")).hasSize(1);
  }

  @Test
  void aRestartLoadsTheNewestSnapshotAndReplaysOnlyWhatFollows() {
    engine.deploy(review());
    for (int i = 0; i < 3; i++) {
      create("mem-review", Map.of("n", i));
    }
    long snapshot = engine.takeSnapshot();
    assertThat(snapshot).isEqualTo(engine.log().lastPosition());
    for (int i = 3; i < 5; i++) {
      create("mem-review", Map.of("n", i));
    }
    EngineState before = join(engine.api().query(s -> s));

    engine = engine.restart();

    assertThat(engine.log().latestSnapshot())
        .hasValueSatisfying(s -> assertThat(s.position()).isEqualTo(snapshot));
    EngineState after = join(engine.api().query(s -> s));
    assertThat(after.userTasks()).hasSize(5);
    StateComparison.assertSame(before, after);
  }

  @Test
  void aTimerFiresWhenTheTestClockPassesItsDueDate() {
    engine.deploy(
        Bpmn.createExecutableProcess("mem-timer")
            .startEvent()
            .intermediateCatchEvent("wait", e -> e.timerWithDuration("PT1H"))
            .endEvent()
            .done());
    long instance = create("mem-timer", Map.of());
    assertThat(engine.events(TimerIntent.CREATED)).hasSize(1);

    engine.clock().addAndGet(Duration.ofHours(1).toMillis());

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                engine.events(ProcessInstanceIntent.ELEMENT_COMPLETED).stream()
                    .anyMatch(r -> r.key() == instance));
    assertThat(engine.events(TimerIntent.TRIGGERED)).hasSize(1);
  }

  private long events() {
    return engine.log().read(0, 10_000).stream()
        .filter(r -> r.recordType() == RecordType.EVENT)
        .count();
  }
}
