package life.suoke.ops.workers.release;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes through the fabric8 client. The release's target: {@code {type: kubernetes, namespace,
 * deployment, service, image, replicas}}. The stable version is the Deployment {@code deployment}
 * (labels {@code app=<deployment>, track=stable}); the new version is the Deployment {@code
 * <deployment>-canary} made from it with the new image ({@code track=canary}). Traffic follows the
 * pods: the Service selects {@code app} only, so a weight is a share of replicas ({@code
 * ceil(replicas * weight / 100)} canary pods, the rest stable); at 100 % the Service selects {@code
 * track=canary} and the stable pods stay until retired, so that a roll-back is instant
 * (blue-green). Undoing selects both tracks again and scales the canary to 0.
 */
public class KubernetesTarget implements DeploymentTarget {

  private static final String NAME = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

  private final KubernetesClient client;

  public KubernetesTarget(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String type() {
    return "kubernetes";
  }

  @Override
  public void validate(Map<String, Object> target, List<AnalysisSpec.Problem> problems) {
    DeploymentTargets.text(target, "namespace", "target", NAME, problems);
    DeploymentTargets.text(target, "deployment", "target", NAME, problems);
    DeploymentTargets.text(target, "service", "target", NAME, problems);
    DeploymentTargets.text(target, "image", "target", "[A-Za-z0-9./:@_-]{1,255}", problems);
    if (!(target.get("replicas") instanceof Number n) || n.intValue() < 1 || n.intValue() > 1000) {
      problems.add(
          new AnalysisSpec.Problem("target.replicas", "must be a whole number from 1 to 1000"));
    }
  }

  @Override
  public void prepare(ReleaseJobs.Release release) {
    if (stable(release) == null) {
      throw new ReleaseJobs.Refusal(
          "deployment "
              + target(release, "deployment")
              + " not found in namespace "
              + target(release, "namespace"));
    }
  }

  @Override
  public void deploy(ReleaseJobs.Release release) {
    Deployment stable = stable(release);
    if (stable == null) {
      throw new ReleaseJobs.Refusal("deployment " + target(release, "deployment") + " not found");
    }
    String name = canaryName(release);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", target(release, "deployment"));
    labels.put("track", "canary");
    labels.put("suoke.life/release", release.releaseId());
    Deployment canary =
        new DeploymentBuilder(stable)
            .withNewMetadata()
            .withName(name)
            .withNamespace(target(release, "namespace"))
            .withLabels(labels)
            .endMetadata()
            .editSpec()
            .withReplicas(0)
            .withNewSelector()
            .withMatchLabels(Map.of("app", target(release, "deployment"), "track", "canary"))
            .endSelector()
            .editTemplate()
            .editMetadata()
            .withLabels(labels)
            .endMetadata()
            .editSpec()
            .editFirstContainer()
            .withImage(target(release, "image"))
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    canary.setStatus(null);
    client
        .apps()
        .deployments()
        .inNamespace(target(release, "namespace"))
        .resource(canary)
        .createOr(existing -> existing.update());
  }

  @Override
  public void setTraffic(ReleaseJobs.Release release, int weight, Map<String, Object> match) {
    int replicas = ((Number) release.target().get("replicas")).intValue();
    int canary = (int) Math.ceil(replicas * weight / 100.0);
    if (weight >= 100) {
      scale(release, canaryName(release), replicas);
      select(release, "canary");
    } else {
      select(release, null);
      scale(release, canaryName(release), canary);
      scale(release, target(release, "deployment"), Math.max(replicas - canary, 0));
    }
  }

  @Override
  public void scaleDown(ReleaseJobs.Release release) {
    int replicas = ((Number) release.target().get("replicas")).intValue();
    scale(release, target(release, "deployment"), replicas);
    select(release, null);
    if (client
            .apps()
            .deployments()
            .inNamespace(target(release, "namespace"))
            .withName(canaryName(release))
            .get()
        != null) {
      scale(release, canaryName(release), 0);
    }
  }

  @Override
  public void retirePrevious(ReleaseJobs.Release release) {
    scale(release, target(release, "deployment"), 0);
  }

  private Deployment stable(ReleaseJobs.Release release) {
    return client
        .apps()
        .deployments()
        .inNamespace(target(release, "namespace"))
        .withName(target(release, "deployment"))
        .get();
  }

  private void scale(ReleaseJobs.Release release, String deployment, int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace(target(release, "namespace"))
        .withName(deployment)
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return d;
            });
  }

  private void select(ReleaseJobs.Release release, String track) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("app", target(release, "deployment"));
    if (track != null) {
      selector.put("track", track);
    }
    client
        .services()
        .inNamespace(target(release, "namespace"))
        .withName(target(release, "service"))
        .edit(
            service -> {
              Service edited = service;
              edited.getSpec().setSelector(selector);
              return edited;
            });
  }

  private static String canaryName(ReleaseJobs.Release release) {
    return target(release, "deployment") + "-canary";
  }

  private static String target(ReleaseJobs.Release release, String key) {
    return String.valueOf(release.target().get(key));
  }
}
