package life.suoke.ops.workers.release;

import java.util.List;
import java.util.Map;

/**
 * Where a release's new version runs and how its traffic is shifted, chosen per service by the
 * release's {@code target.type}: {@link NginxTarget}, {@link KubernetesTarget}, {@link
 * WebhookTarget}. Every call is idempotent (a retried job calls it again).
 */
public interface DeploymentTarget {

  /** The {@code target.type} this target serves. */
  String type();

  /** Adds the problems of the release's {@code target} map (paths start with {@code target.}). */
  void validate(Map<String, Object> target, List<AnalysisSpec.Problem> problems);

  /** Makes the environment ready (nothing serves the new version yet). */
  void prepare(ReleaseJobs.Release release);

  /** Runs the new version beside the stable one, without traffic. */
  void deploy(ReleaseJobs.Release release);

  /**
   * Sends {@code weight} % of the traffic to the new version; with {@code match} (an A/B step:
   * {@code {header|cookie, value}}) the matching requests go to the new version whatever the
   * weight.
   */
  void setTraffic(ReleaseJobs.Release release, int weight, Map<String, Object> match);

  /** Takes the new version's traffic away (weight 0) and scales it down. */
  void scaleDown(ReleaseJobs.Release release);

  /** The new version serves everything for good: the previous version is retired. */
  void retirePrevious(ReleaseJobs.Release release);
}
