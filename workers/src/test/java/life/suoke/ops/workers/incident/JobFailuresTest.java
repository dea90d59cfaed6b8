package life.suoke.ops.workers.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.JobError;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the incident workers turn failures into job failures. */
class JobFailuresTest {

  private final JobFailures failures = new JobFailures(Duration.ofSeconds(10));

  /** A job with these retries left, of this type, in this instance. */
  private static ActivatedJob job(int retries) {
    return (ActivatedJob)
        Proxy.newProxyInstance(
            ActivatedJob.class.getClassLoader(),
            new Class<?>[] {ActivatedJob.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getRetries" -> retries;
                  case "getType" -> "incident.page";
                  case "getKey" -> 42L;
                  case "getProcessInstanceKey" -> 7L;
                  case "getBpmnProcessId" -> "incident-management";
                  default -> null;
                });
  }

  @Test
  void aRefusalFailsTheJobWithoutRetries() {
    assertThatThrownBy(
            () ->
                failures.run(
                    job(3),
                    () -> {
                      throw new IncidentJobs.Refusal("there is no incident INC-1");
                    }))
        .isInstanceOfSatisfying(
            JobError.class,
            e -> {
              assertThat(e.getRetries()).isZero();
              assertThat(e.getErrorMessage()).isEqualTo("there is no incident INC-1");
            });
  }

  @Test
  void aTechnicalFailureRetriesWithABackOffThatDoublesPerRetryUsed() {
    assertThatThrownBy(
            () ->
                failures.run(
                    job(3),
                    () -> {
                      throw new IllegalStateException(
                          "nobody of group tier1-oncall could be reached");
                    }))
        .isInstanceOfSatisfying(
            JobError.class,
            e -> {
              assertThat(e.getRetries()).isEqualTo(2);
              assertThat(e.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
              assertThat(e.getErrorMessage())
                  .isEqualTo("incident.page failed: nobody of group tier1-oncall could be reached");
            });
    assertThat(failures.backoff(2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(failures.backoff(1)).isEqualTo(Duration.ofSeconds(40));
    assertThat(new JobFailures(Duration.ofMinutes(8)).backoff(1)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theJobNamesItsIncidentOrIsRefused() {
    assertThat(JobFailures.job(job(3), "INC-20261203-0001"))
        .isEqualTo(new IncidentJobs.Job("INC-20261203-0001", 7L, "incident-management", 42L));
    assertThatThrownBy(() -> JobFailures.job(job(3), " "))
        .isInstanceOf(IncidentJobs.Refusal.class)
        .hasMessage("variable incidentNumber is missing");
  }
}
