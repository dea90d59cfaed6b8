package life.suoke.ops.backend.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * The services the operations team runs: class, owner, on-call tiers and how alert labels map to
 * them.
 */
public interface ServiceCatalog {

  Optional<ServiceInfo> find(String name);

  /**
   * The service an alert's labels belong to, by the configured label rules (first matching rule
   * wins).
   */
  Optional<ServiceInfo> match(Map<String, String> labels);

  /**
   * A service.
   *
   * @param serviceClass core (99.9 %), agent (99.5 %) or support (99.0 %)
   * @param ownerGroup the group that owns the service (its managers are notified on escalation)
   * @param calendarId the business calendar of its SLA clocks
   */
  record ServiceInfo(
      String name,
      String displayName,
      String serviceClass,
      String ownerGroup,
      String tier1Group,
      String tier2Group,
      String tier3Group,
      String calendarId) {}
}
