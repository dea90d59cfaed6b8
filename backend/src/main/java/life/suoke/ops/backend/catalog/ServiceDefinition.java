package life.suoke.ops.backend.catalog;

import java.util.List;

/**
 * A service as administrators write it.
 *
 * @param name the service's id: lower case letters, digits and dashes
 * @param serviceClass core (99.9 %), agent (99.5 %) or support (99.0 %)
 * @param labelRules alerts with one of these labels belong to the service
 */
public record ServiceDefinition(
    String name,
    String displayName,
    String serviceClass,
    String ownerGroup,
    String tier1Group,
    String tier2Group,
    String tier3Group,
    String calendarId,
    List<LabelRule> labelRules) {

  /** An alert whose label {@code label} equals {@code value} belongs to the service. */
  public record LabelRule(String label, String value) {}

  public ServiceCatalog.ServiceInfo info() {
    return new ServiceCatalog.ServiceInfo(
        name,
        displayName,
        serviceClass,
        ownerGroup,
        tier1Group,
        tier2Group,
        tier3Group,
        calendarId);
  }
}
