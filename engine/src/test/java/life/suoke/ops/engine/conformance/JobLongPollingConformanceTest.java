package life.suoke.ops.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Long-polling job activation (ActivateJobs over gRPC, {@code POST /v2/jobs/activation} over REST)
 * while the engine clock is pinned: the request timeout is the client's and passes on the wall
 * clock, so a request that finds no job is answered empty when it passes, however the engine clock
 * stands; a job created while a request waits is still handed to it, with its deadline on the
 * engine clock.
 */
class JobLongPollingConformanceTest extends ClockedEngineTest {

  private CamundaClient grpc;

  @BeforeAll
  void connectGrpc() {
    grpc = engine.connect();
  }

  @AfterAll
  void closeGrpc() {
    grpc.close();
  }

  private static CompletableFuture<ActivateJobsResponse> poll(
      CamundaClient client, String type, Duration requestTimeout) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5))
        .requestTimeout(requestTimeout)
        .send()
        .toCompletableFuture();
  }

  private void assertAnsweredEmptyAfterItsRequestTimeout(CamundaClient client, String type)
      throws Exception {
    long started = System.nanoTime();
    List<ActivatedJob> jobs =
        poll(client, type, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS).getJobs();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(jobs).isEmpty();
    assertThat(waitedMillis)
        .as("the request waited for a job until its request timeout")
        .isGreaterThanOrEqualTo(900);
  }

  private void assertAJobCreatedWhileItWaitsIsHandedToIt(CamundaClient client, String processId)
      throws Exception {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(processId)
                .startEvent()
                .serviceTask("task", t -> t.zeebeJobType(processId))
                .endEvent()
                .done(),
            processId + ".bpmn")
        .send()
        .join();
    CompletableFuture<ActivateJobsResponse> waiting =
        poll(client, processId, Duration.ofSeconds(10));
    Thread.sleep(300);
    assertThat(waiting).isNotDone();

    long instance = start(processId, Map.of());

    ActivatedJob job = waiting.get(5, TimeUnit.SECONDS).getJobs().get(0);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getDeadline())
        .as("the job's deadline is on the engine clock")
        .isEqualTo(now.plus(Duration.ofMinutes(5)).toEpochMilli());
  }

  @Test
  void anActivationThatFindsNoJobIsAnsweredAtItsRequestTimeoutOverGrpc() throws Exception {
    assertAnsweredEmptyAfterItsRequestTimeout(grpc, "lp-none-grpc");
  }

  @Test
  void anActivationThatFindsNoJobIsAnsweredAtItsRequestTimeoutOverRest() throws Exception {
    assertAnsweredEmptyAfterItsRequestTimeout(client, "lp-none-rest");
  }

  @Test
  void aJobCreatedWhileAnActivationWaitsIsHandedToItOverGrpc() throws Exception {
    assertAJobCreatedWhileItWaitsIsHandedToIt(grpc, "lp-late-grpc");
  }

  @Test
  void aJobCreatedWhileAnActivationWaitsIsHandedToItOverRest() throws Exception {
    assertAJobCreatedWhileItWaitsIsHandedToIt(client, "lp-late-rest");
  }
}
