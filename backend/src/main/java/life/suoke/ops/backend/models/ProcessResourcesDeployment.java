package life.suoke.ops.backend.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * At start, deploys the BPMN, DMN and form files of the {@code processes} module, the source of
 * truth of the operations flows, in one deployment. The engine's duplicate detection makes this a
 * no-op when nothing changed, so a restart does not create new versions. {@code
 * suoke.models.deploy-at-start=false} turns it off (e.g. when a CI job deploys instead).
 */
@Component
class ProcessResourcesDeployment {

  private static final Logger log = LoggerFactory.getLogger(ProcessResourcesDeployment.class);

  private final ProcessModels models;
  private final boolean enabled;

  ProcessResourcesDeployment(
      ProcessModels models, @Value("${suoke.models.deploy-at-start:true}") boolean enabled) {
    this.models = models;
    this.enabled = enabled;
  }

  @EventListener(ApplicationReadyEvent.class)
  void deployAtStart() {
    if (!enabled) {
      return;
    }
    List<ProcessModels.ModelFile> files = processFiles();
    if (files.isEmpty()) {
      return;
    }
    ProcessModels.Deployed deployed = deployWithRetries(files);
    log.info(
        "Deployed the processes module's {} resources (deployment {})",
        deployed.resources().size(),
        deployed.deploymentKey());
  }

  /**
   * Deploys, trying again (up to {@value #ATTEMPTS} times, 2 s doubling) when the engine did not
   * answer in time, e.g. on a busy machine at start: the engine's duplicate detection makes a
   * second attempt harmless when the first went through after all.
   */
  private ProcessModels.Deployed deployWithRetries(List<ProcessModels.ModelFile> files) {
    long wait = 2_000;
    for (int attempt = 1; ; attempt++) {
      try {
        return models.deploy(files, "system");
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        log.warn(
            "Deploying the processes module's resources failed (attempt {} of {}): {}; trying again",
            attempt,
            ATTEMPTS,
            e.getMessage());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        wait *= 2;
      }
    }
  }

  static final int ATTEMPTS = 5;

  /**
   * The {@code .bpmn}, {@code .dmn} and {@code .form} files of the processes module's jar or
   * classes folder.
   */
  static List<ProcessModels.ModelFile> processFiles() {
    URL root =
        life.suoke.ops.processes.ProcessesModule.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation();
    String base = root.toString().endsWith(".jar") ? "jar:" + root + "!/" : root.toString();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> found = new ArrayList<>();
    try {
      for (String pattern : List.of("**/*.bpmn", "**/*.dmn", "**/*.form")) {
        found.addAll(List.of(resolver.getResources(base + pattern)));
      }
      found.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
      List<ProcessModels.ModelFile> files = new ArrayList<>();
      for (Resource resource : found) {
        try (InputStream in = resource.getInputStream()) {
          files.add(new ProcessModels.ModelFile(resource.getFilename(), in.readAllBytes()));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the processes module's resources", e);
    }
  }
}
