package life.suoke.ops.backend.release;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ChangeLink} while change management is not bound to releases: a release must name
 * its change ({@code changeId}), which is taken as approved and inside its window (the reason says
 * it was not checked); no standard change is opened; verdicts and outcomes stay on the release.
 * Change management replaces it by providing its own {@link ChangeLink} bean.
 */
public class UnboundChangeLink implements ChangeLink {

  private static final Logger log = LoggerFactory.getLogger(UnboundChangeLink.class);

  @Override
  public Optional<String> openStandardChange(String service, String title, String requestedBy) {
    return Optional.empty();
  }

  @Override
  public Approval check(String changeId, String service, String releaseId, Instant at) {
    if (changeId == null || changeId.isBlank()) {
      return new Approval(false, "the release names no change");
    }
    return new Approval(true, "change " + changeId + " taken as approved: change management is not bound");
  }

  @Override
  public void verdict(String changeId, String releaseId, Integer stepIndex, String verdict, Map<String, Object> summary) {
    // kept on the release only
  }

  @Override
  public void outcome(String changeId, String releaseId, String outcome, String incidentNumber) {
    log.info("Release {} of change {} ended {}", releaseId, changeId, outcome);
  }

  /** Registers the unbound link when nothing else provides one. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {
    @Bean
    @ConditionalOnMissingBean(ChangeLink.class)
    ChangeLink unboundChangeLink() {
      return new UnboundChangeLink();
    }
  }
}
