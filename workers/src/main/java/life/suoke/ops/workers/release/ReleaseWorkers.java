package life.suoke.ops.workers.release;

import static life.suoke.ops.processes.release.ReleaseProcess.*;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The job workers of the release process. Each reads the release through {@link ReleaseJobs}, acts
 * on its deployment target, analysis or probes, and records what happened. Business failures
 * ({@link ReleaseJobs.Refusal}) fail the job without retries; anything else is retried with a
 * back-off.
 */
public class ReleaseWorkers {

  private final ReleaseJobs releases;
  private final DeploymentTargets targets;
  private final PrometheusAnalysis analysis;
  private final SmokeProbes probes;

  public ReleaseWorkers(
      ReleaseJobs releases,
      DeploymentTargets targets,
      PrometheusAnalysis analysis,
      SmokeProbes probes) {
    this.releases = releases;
    this.targets = targets;
    this.analysis = analysis;
    this.probes = probes;
  }

  @JobWorker(type = JOB_PLAN, fetchVariables = VAR_RELEASE_ID)
  public Map<String, Object> plan(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    return run(
        job,
        () -> {
          ReleaseJobs.Plan plan = releases.plan(releaseId);
          return Map.of(
              VAR_PLAN_ACCEPTED,
              plan.accepted(),
              VAR_STEPS,
              plan.steps() == null ? List.of() : plan.steps(),
              VAR_KEEP_PREVIOUS,
              plan.keepPrevious() == null ? "PT0S" : plan.keepPrevious());
        });
  }

  @JobWorker(type = JOB_PREPARE, fetchVariables = VAR_RELEASE_ID)
  public void prepare(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          targets.of(release).prepare(release);
          releases.stage(releaseId, "prepared", null);
          return null;
        });
  }

  @JobWorker(type = JOB_DEPLOY, fetchVariables = VAR_RELEASE_ID)
  public void deploy(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          targets.of(release).deploy(release);
          releases.stage(releaseId, "deployed", release.newVersion());
          return null;
        });
  }

  @JobWorker(type = JOB_VERIFY, fetchVariables = VAR_RELEASE_ID)
  public Map<String, Object> verify(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    return run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          List<SmokeProbes.ProbeResult> results = probes.run(release.probes());
          boolean passed = SmokeProbes.allPassed(results);
          releases.verified(releaseId, passed, results);
          return Map.of(VAR_VERIFICATION_PASSED, passed);
        });
  }

  @JobWorker(
      type = JOB_ANALYSE,
      fetchVariables = {VAR_RELEASE_ID, VAR_STEP},
      timeout = 15 * 60 * 1000L)
  public Map<String, Object> analyse(
      ActivatedJob job,
      @Variable(VAR_RELEASE_ID) String releaseId,
      @Variable(VAR_STEP) Map<String, Object> step) {
    return run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          String phase = job.getCustomHeaders().getOrDefault(HEADER_PHASE, "step");
          boolean performance = "performance".equals(phase);
          AnalysisSpec spec = AnalysisSpec.read(release.analysis());
          AnalysisResult result;
          if (!performance && step != null && Boolean.FALSE.equals(step.get("analyse"))) {
            long now = System.currentTimeMillis();
            result = new AnalysisResult(phase, VERDICT_SUCCESSFUL, List.of(), now, now);
          } else {
            result =
                analysis.analyse(
                    phase,
                    performance ? spec.performance() : spec.metrics(),
                    release.service(),
                    release.newVersion(),
                    release.stableVersion());
          }
          Integer index =
              performance || step == null ? null : ((Number) step.get("index")).intValue();
          releases.analysed(releaseId, index, result);
          return Map.of(VAR_VERDICT, result.verdict());
        });
  }

  @JobWorker(
      type = JOB_APPLY_STEP,
      fetchVariables = {VAR_RELEASE_ID, VAR_STEP})
  @SuppressWarnings("unchecked")
  public void applyStep(
      ActivatedJob job,
      @Variable(VAR_RELEASE_ID) String releaseId,
      @Variable(VAR_STEP) Map<String, Object> step) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          int weight = ((Number) step.get("weight")).intValue();
          targets.of(release).setTraffic(release, weight, (Map<String, Object>) step.get("match"));
          releases.stepApplied(releaseId, ((Number) step.get("index")).intValue(), weight);
          return null;
        });
  }

  @JobWorker(type = JOB_RESTORE_TRAFFIC, fetchVariables = VAR_RELEASE_ID)
  public void restoreTraffic(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          int weight = releases.stepUndone(releaseId);
          targets.of(release).setTraffic(release, weight, null);
          return null;
        });
  }

  @JobWorker(type = JOB_SCALE_DOWN, fetchVariables = VAR_RELEASE_ID)
  public void scaleDown(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          targets.of(release).scaleDown(release);
          releases.stage(releaseId, "scaled-down", null);
          return null;
        });
  }

  @JobWorker(type = JOB_CONFIRM, fetchVariables = VAR_RELEASE_ID)
  public void confirm(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          targets.of(release).setTraffic(release, 100, null);
          releases.stage(releaseId, "confirmed", null);
          return null;
        });
  }

  @JobWorker(type = JOB_RETIRE_PREVIOUS, fetchVariables = VAR_RELEASE_ID)
  public void retirePrevious(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          ReleaseJobs.Release release = releases.release(releaseId);
          targets.of(release).retirePrevious(release);
          releases.stage(releaseId, "previous-retired", release.stableVersion());
          return null;
        });
  }

  @JobWorker(type = JOB_OUTCOME, fetchVariables = VAR_RELEASE_ID)
  public void outcome(ActivatedJob job, @Variable(VAR_RELEASE_ID) String releaseId) {
    run(
        job,
        () -> {
          String outcome = job.getCustomHeaders().get(HEADER_OUTCOME);
          if (outcome == null || outcome.isBlank()) {
            throw new ReleaseJobs.Refusal("task header '" + HEADER_OUTCOME + "' is missing");
          }
          releases.outcome(releaseId, outcome);
          return null;
        });
  }

  private <T> T run(ActivatedJob job, Supplier<T> call) {
    try {
      Object releaseId = job.getVariablesAsMap().get(VAR_RELEASE_ID);
      if (releaseId == null) {
        throw new ReleaseJobs.Refusal("variable releaseId is missing");
      }
      return call.get();
    } catch (ReleaseJobs.Refusal refusal) {
      throw CamundaError.jobError(refusal.getMessage(), null, 0);
    } catch (CamundaError error) {
      throw error;
    } catch (RuntimeException e) {
      int retries = Math.max(0, job.getRetries() - 1);
      throw CamundaError.jobError(
          job.getType() + " failed: " + e.getMessage(),
          null,
          retries,
          Duration.ofSeconds(2L << Math.min(8, 5 - Math.min(5, job.getRetries()))));
    }
  }
}
