package life.suoke.ops.backend.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which services a service depends on ({@code service_dependency}): a change on one of two
 * dependent services may disturb the other, so the change calendar flags overlapping changes on
 * them as conflicts.
 */
@Service
public class ServiceDependencies {

  private final JdbcTemplate jdbc;
  private final JdbcServiceCatalog catalog;
  private final AuditTrail audit;

  ServiceDependencies(JdbcTemplate jdbc, JdbcServiceCatalog catalog, AuditTrail audit) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.audit = audit;
  }

  /** The services {@code service} depends on. */
  public List<String> dependenciesOf(String service) {
    return jdbc.queryForList(
        "SELECT depends_on FROM service_dependency WHERE service = ? ORDER BY depends_on",
        String.class,
        service);
  }

  /** The service itself, the services it depends on and those that depend on it. */
  public Set<String> related(String service) {
    Set<String> related = new LinkedHashSet<>();
    related.add(service);
    related.addAll(dependenciesOf(service));
    related.addAll(
        jdbc.queryForList(
            "SELECT service FROM service_dependency WHERE depends_on = ? ORDER BY service",
            String.class,
            service));
    return related;
  }

  /**
   * Replaces what {@code service} depends on; every name must be another service of the catalog.
   */
  @Transactional
  public List<String> replace(String service, List<String> dependsOn, CurrentUser admin) {
    catalog.get(service);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    List<String> names = dependsOn == null ? List.of() : dependsOn;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || catalog.find(name).isEmpty()) {
        errors.add(new ApiProblem.FieldError("dependsOn[" + i + "]", "no service " + name));
      } else if (name.equals(service)) {
        errors.add(
            new ApiProblem.FieldError("dependsOn[" + i + "]", "a service cannot depend on itself"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    jdbc.update("DELETE FROM service_dependency WHERE service = ?", service);
    for (String name : new LinkedHashSet<>(names)) {
      jdbc.update(
          "INSERT INTO service_dependency (service, depends_on) VALUES (?, ?)", service, name);
    }
    audit.record(
        AuditEvent.of(admin.username(), "service.dependencies", "service", service)
            .withDetail("dependsOn", List.copyOf(new LinkedHashSet<>(names))));
    return dependenciesOf(service);
  }
}
