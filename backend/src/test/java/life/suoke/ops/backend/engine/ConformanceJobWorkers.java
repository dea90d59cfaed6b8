package life.suoke.ops.backend.engine;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Job workers written the way the product's workers are (Spring starter {@code @JobWorker}), used
 * by {@link SpringJobWorkerTest} against the embedded engine. Lives in test sources; component
 * scanning picks it up for the shared test application context.
 */
@Component
public class ConformanceJobWorkers {

  final AtomicInteger flakyAttempts = new AtomicInteger();

  /** Auto-completed by the starter with the returned variables. */
  @JobWorker(type = "conformance-classify")
  public Map<String, Object> classify(@Variable("impact") String impact) {
    return Map.of("priority", "high".equals(impact) ? "P1" : "P3");
  }

  /** Fails twice (the starter fails the job, retries decrease), then succeeds. */
  @JobWorker(type = "conformance-flaky")
  public Map<String, Object> flaky(ActivatedJob job) {
    if (flakyAttempts.incrementAndGet() <= 2) {
      throw new IllegalStateException(
          "alert source unavailable (attempt " + flakyAttempts.get() + ")");
    }
    return Map.of("retriesLeftWhenSucceeded", job.getRetries());
  }

  /** Always fails: with its 2 retries used up the job raises an incident. */
  @JobWorker(type = "conformance-broken")
  public void broken() {
    throw new IllegalStateException("chat webhook rejected the message");
  }
}
