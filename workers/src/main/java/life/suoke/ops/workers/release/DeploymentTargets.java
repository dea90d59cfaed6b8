package life.suoke.ops.workers.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deployment targets by type; a release names one in {@code target.type}. */
public class DeploymentTargets {

  private final Map<String, DeploymentTarget> byType = new LinkedHashMap<>();

  public DeploymentTargets(List<DeploymentTarget> targets) {
    for (DeploymentTarget target : targets) {
      byType.put(target.type(), target);
    }
  }

  public List<String> types() {
    return new ArrayList<>(byType.keySet());
  }

  /** The problems of a release's target (an unknown type is one, naming {@code target.type}). */
  public List<AnalysisSpec.Problem> validate(Map<String, Object> target) {
    List<AnalysisSpec.Problem> problems = new ArrayList<>();
    if (target == null) {
      problems.add(new AnalysisSpec.Problem("target", "is required"));
      return problems;
    }
    DeploymentTarget found = byType.get(String.valueOf(target.get("type")));
    if (found == null) {
      problems.add(new AnalysisSpec.Problem("target.type", "must be one of " + byType.keySet()));
      return problems;
    }
    found.validate(target, problems);
    return problems;
  }

  public DeploymentTarget of(ReleaseJobs.Release release) {
    DeploymentTarget found = byType.get(String.valueOf(release.target().get("type")));
    if (found == null) {
      throw new ReleaseJobs.Refusal(
          "unknown deployment target type of release " + release.releaseId());
    }
    return found;
  }

  static String text(
      Map<String, Object> map,
      String key,
      String path,
      String pattern,
      List<AnalysisSpec.Problem> problems) {
    Object value = map.get(key);
    if (!(value instanceof String s) || !s.matches(pattern)) {
      problems.add(
          new AnalysisSpec.Problem(path + "." + key, "is required and must match " + pattern));
      return null;
    }
    return s;
  }
}
