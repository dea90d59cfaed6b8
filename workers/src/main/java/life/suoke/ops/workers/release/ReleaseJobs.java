package life.suoke.ops.workers.release;

import java.util.List;
import java.util.Map;

/**
 * What the release process's jobs need from the release records; the backend implements it (and
 * binds the release to its change there). The workers of this package read the job's variables,
 * call the deployment target, the analysis or the smoke probes, and tell this port what happened.
 *
 * <p>Every method may be called again for the same step after a retry, so implementations are
 * idempotent: recording a step applied twice keeps one entry; undoing pops at most what was
 * applied.
 *
 * <p>{@link Refusal}: a business failure retries cannot mend (unknown release); the job fails
 * without retries. Anything else is retried.
 */
public interface ReleaseJobs {

  /**
   * A release as the workers need it.
   *
   * @param target the deployment target (type and its parameters, see {@link DeploymentTargets})
   * @param analysis the analysis (metrics, see {@link AnalysisSpec})
   * @param probes the smoke probes (each {@code {url, expectStatus, bodyContains}})
   */
  record Release(
      String releaseId,
      String service,
      String stableVersion,
      String newVersion,
      Map<String, Object> target,
      Map<String, Object> analysis,
      List<Map<String, Object>> probes) {}

  /**
   * The plan: whether the release may run now (its change approved and in its window) and its
   * steps.
   */
  record Plan(
      boolean accepted, String reason, List<Map<String, Object>> steps, String keepPrevious) {}

  /** A business failure: the job fails with this message and no retries. */
  final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  Release release(String releaseId);

  /** Checks the change link and expands the strategy into steps. */
  Plan plan(String releaseId);

  /** A stage done (prepared, deployed, verified, confirmed, retired, scaled-down), with a note. */
  void stage(String releaseId, String stage, String note);

  /** The step with this index now sends {@code weight} % of the traffic to the new version. */
  void stepApplied(String releaseId, int index, int weight);

  /**
   * Undoes the last step applied and not undone yet; answers the weight to go back to (that of the
   * step before it, 0 when none is left).
   */
  int stepUndone(String releaseId);

  /** The smoke probes' results. */
  void verified(String releaseId, boolean passed, List<SmokeProbes.ProbeResult> results);

  /**
   * An analysis verdict with its measured values ({@code stepIndex} null for the performance
   * check).
   */
  void analysed(String releaseId, Integer stepIndex, AnalysisResult result);

  /** The outcome: promoted, backed-out or refused. */
  void outcome(String releaseId, String outcome);
}
