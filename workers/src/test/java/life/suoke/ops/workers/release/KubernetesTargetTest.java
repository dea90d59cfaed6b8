package life.suoke.ops.workers.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes target against the fabric8 Kubernetes mock server in CRUD mode (an API server that
 * stores what it is sent): the canary Deployment is made from the stable one with the new image,
 * weights become replica counts, 100 % switches the Service to the canary track, and undoing scales
 * the canary to 0 and selects both tracks again.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest {

  KubernetesClient client;

  private final ReleaseJobs.Release release =
      new ReleaseJobs.Release(
          "REL-1",
          "checkout",
          "1.0",
          "2.0",
          Map.of(
              "type",
              "kubernetes",
              "namespace",
              "shop",
              "deployment",
              "checkout",
              "service",
              "checkout",
              "image",
              "registry.local/checkout:2.0",
              "replicas",
              10),
          Map.of(),
          List.of());

  @BeforeEach
  void stableVersion() {
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withLabels(Map.of("app", "checkout", "track", "stable"))
                .endMetadata()
                .withNewSpec()
                .withReplicas(10)
                .withNewSelector()
                .withMatchLabels(Map.of("app", "checkout", "track", "stable"))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "checkout", "track", "stable"))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("registry.local/checkout:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .services()
        .inNamespace("shop")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("checkout")
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app", "checkout"))
                .endSpec()
                .build())
        .create();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace("shop").withName(name).get();
  }

  private Map<String, String> selector() {
    return client.services().inNamespace("shop").withName("checkout").get().getSpec().getSelector();
  }

  @Test
  void weightsBecomeReplicasAndTheSwitchSelectsTheCanary() {
    KubernetesTarget target = new KubernetesTarget(client);
    target.prepare(release);
    target.deploy(release);
    Deployment canary = deployment("checkout-canary");
    assertThat(canary.getSpec().getReplicas()).isZero();
    assertThat(canary.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.local/checkout:2.0");
    assertThat(canary.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("track", "canary");

    target.setTraffic(release, 10, null);
    assertThat(deployment("checkout-canary").getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment("checkout").getSpec().getReplicas()).isEqualTo(9);
    assertThat(selector()).isEqualTo(Map.of("app", "checkout"));

    target.setTraffic(release, 55, null);
    assertThat(deployment("checkout-canary").getSpec().getReplicas()).isEqualTo(6);
    assertThat(deployment("checkout").getSpec().getReplicas()).isEqualTo(4);

    target.setTraffic(release, 100, null);
    assertThat(deployment("checkout-canary").getSpec().getReplicas()).isEqualTo(10);
    assertThat(deployment("checkout").getSpec().getReplicas())
        .as("kept for an instant roll-back")
        .isEqualTo(4);
    assertThat(selector()).isEqualTo(Map.of("app", "checkout", "track", "canary"));

    target.retirePrevious(release);
    assertThat(deployment("checkout").getSpec().getReplicas()).isZero();
  }

  @Test
  void undoingScalesTheCanaryDownAndRestoresTheStableVersion() {
    KubernetesTarget target = new KubernetesTarget(client);
    target.deploy(release);
    target.setTraffic(release, 100, null);
    target.scaleDown(release);
    assertThat(deployment("checkout-canary").getSpec().getReplicas()).isZero();
    assertThat(deployment("checkout").getSpec().getReplicas()).isEqualTo(10);
    assertThat(selector()).isEqualTo(Map.of("app", "checkout"));
  }

  @Test
  void aMissingDeploymentIsARefusalAndBadTargetsAreNamed() {
    KubernetesTarget target = new KubernetesTarget(client);
    ReleaseJobs.Release other =
        new ReleaseJobs.Release(
            "REL-2",
            "pay",
            "1",
            "2",
            Map.of(
                "type",
                "kubernetes",
                "namespace",
                "shop",
                "deployment",
                "pay",
                "service",
                "pay",
                "image",
                "x",
                "replicas",
                2),
            Map.of(),
            List.of());
    assertThatThrownBy(() -> target.prepare(other))
        .isInstanceOf(ReleaseJobs.Refusal.class)
        .hasMessageContaining("pay");
    List<AnalysisSpec.Problem> problems = new ArrayList<>();
    target.validate(
        Map.of(
            "type",
            "kubernetes",
            "namespace",
            "Shop!",
            "deployment",
            "pay",
            "service",
            "pay",
            "image",
            "x",
            "replicas",
            0),
        problems);
    assertThat(problems)
        .extracting(AnalysisSpec.Problem::field)
        .containsExactlyInAnyOrder("target.namespace", "target.replicas");
  }
}
