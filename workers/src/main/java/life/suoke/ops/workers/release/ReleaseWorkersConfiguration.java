package life.suoke.ops.workers.release;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The release workers and their parts; the application provides {@link ReleaseJobs}. Properties:
 * {@code suoke.release.prometheus-url} (default http://localhost:9090), {@code
 * suoke.release.nginx.directory} (where upstream files are written, default
 * /etc/nginx/suoke-upstreams), {@code suoke.release.nginx.test-command} (default {@code nginx -t})
 * and {@code suoke.release.nginx.reload-command} (default {@code nginx -s reload}), whitespace
 * separated; {@code suoke.release.webhook.secret} (signing secret, none by default). The nginx and
 * Prometheus settings are read at each use, so that a changed setting applies without a restart.
 * The Kubernetes client reads the usual kubeconfig or in-cluster configuration, when first used.
 */
@Configuration(proxyBeanMethods = false)
public class ReleaseWorkersConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PrometheusAnalysis releasePrometheusAnalysis(Environment environment) {
    return new PrometheusAnalysis(
        () ->
            URI.create(
                environment.getProperty("suoke.release.prometheus-url", "http://localhost:9090")),
        duration -> Thread.sleep(duration.toMillis()));
  }

  @Bean
  @ConditionalOnMissingBean(name = "releaseKubernetesClient")
  @Lazy
  KubernetesClient releaseKubernetesClient() {
    return new KubernetesClientBuilder().build();
  }

  @Bean
  @ConditionalOnMissingBean
  DeploymentTargets releaseDeploymentTargets(
      Environment environment,
      @Value("${suoke.release.webhook.secret:}") String secret,
      @Lazy KubernetesClient releaseKubernetesClient) {
    return new DeploymentTargets(
        List.of(
            new NginxTarget(
                () ->
                    new NginxTarget.Settings(
                        Path.of(
                            environment.getProperty(
                                "suoke.release.nginx.directory", "/etc/nginx/suoke-upstreams")),
                        words(
                            environment.getProperty(
                                "suoke.release.nginx.test-command", "nginx -t")),
                        words(
                            environment.getProperty(
                                "suoke.release.nginx.reload-command", "nginx -s reload")))),
            new KubernetesTarget(releaseKubernetesClient),
            new WebhookTarget(secret)));
  }

  @Bean
  ReleaseWorkers releaseWorkers(
      ReleaseJobs releases, DeploymentTargets targets, PrometheusAnalysis analysis) {
    return new ReleaseWorkers(releases, targets, analysis, new SmokeProbes());
  }

  private static List<String> words(String command) {
    return command == null || command.isBlank()
        ? List.of()
        : Arrays.asList(command.trim().split("\\s+"));
  }
}
