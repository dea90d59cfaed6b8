package life.suoke.ops.backend.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The service catalog in PostgreSQL ({@code service}, {@code service_label_rule}), with its
 * administration.
 *
 * <p>Every alert asks the catalog for its service, so the alert side ({@link #find}, {@link
 * #match}) reads a copy of the whole catalog that is at most {@link #FRESH_FOR} old: changes made
 * through this catalog drop the copy once committed, a name the copy does not know reads the
 * catalog again, and changes made elsewhere (another instance of the application) are seen within
 * that time. The administration ({@link #list}, {@link #definition}) always reads the tables.
 */
@Service
public class JdbcServiceCatalog implements ServiceCatalog {

  static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Set<String> CLASSES = Set.of("core", "agent", "support");
  private static final int MAX_TEXT = 200;

  /** The catalog as read at {@code readAt} (System.nanoTime): services by name, rules in order. */
  private record Copy(
      Map<String, ServiceDefinition> services, List<LabelRuleOf> rules, long readAt) {}

  private record LabelRuleOf(String service, String label, String value) {}

  private final JdbcTemplate jdbc;
  private final AuditTrail audit;
  private volatile Copy copy;

  JdbcServiceCatalog(JdbcTemplate jdbc, AuditTrail audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @Override
  public Optional<ServiceInfo> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    ServiceDefinition known = copy(false).services().get(name);
    if (known == null) {
      known = copy(true).services().get(name); // perhaps added since the copy was read
    }
    return Optional.ofNullable(known).map(ServiceDefinition::info);
  }

  /** The catalog's copy, read again when asked to or when it is older than {@link #FRESH_FOR}. */
  private Copy copy(boolean reread) {
    Copy current = copy;
    if (!reread && current != null && System.nanoTime() - current.readAt() < FRESH_FOR.toNanos()) {
      return current;
    }
    long readAt = System.nanoTime();
    Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    for (ServiceDefinition service : list()) {
      services.put(service.name(), service);
    }
    List<LabelRuleOf> rules =
        jdbc.query(
            "SELECT service_name, label, value FROM service_label_rule ORDER BY position, id",
            (rs, i) ->
                new LabelRuleOf(
                    rs.getString("service_name"), rs.getString("label"), rs.getString("value")));
    Copy read = new Copy(Map.copyOf(services), List.copyOf(rules), readAt);
    copy = read;
    return read;
  }

  /** The copy is dropped once the change of the current transaction (if any) has ended. */
  private void dropCopy() {
    copy = null;
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
              copy = null;
            }
          });
    }
  }

  @Override
  public Optional<ServiceInfo> match(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return Optional.empty();
    }
    String named = labels.get("service");
    if (named != null) {
      Optional<ServiceInfo> byName = find(named);
      if (byName.isPresent()) {
        return byName;
      }
    }
    for (LabelRuleOf rule : copy(false).rules()) {
      if (rule.value().equals(labels.get(rule.label()))) {
        return find(rule.service());
      }
    }
    return Optional.empty();
  }

  public List<ServiceDefinition> list() {
    Map<String, List<ServiceDefinition.LabelRule>> rules = rules();
    return jdbc.query(
        "SELECT * FROM service ORDER BY name",
        (rs, i) ->
            new ServiceDefinition(
                rs.getString("name"),
                rs.getString("display_name"),
                rs.getString("service_class"),
                rs.getString("owner_group"),
                rs.getString("tier1_group"),
                rs.getString("tier2_group"),
                rs.getString("tier3_group"),
                rs.getString("calendar_id"),
                rules.getOrDefault(rs.getString("name"), List.of())));
  }

  public Optional<ServiceDefinition> definition(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return list().stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public ServiceDefinition get(String name) {
    return definition(name).orElseThrow(() -> ApiProblem.notFound("No service " + name));
  }

  @Transactional
  public ServiceDefinition create(ServiceDefinition service, CurrentUser admin) {
    validate(service, true);
    if (definition(service.name()).isPresent()) {
      throw ApiProblem.conflict("The service " + service.name() + " exists already");
    }
    jdbc.update(
        "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group, tier2_group,"
            + " tier3_group, calendar_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        service.name(),
        service.displayName().strip(),
        service.serviceClass(),
        service.ownerGroup(),
        service.tier1Group(),
        service.tier2Group(),
        service.tier3Group(),
        calendar(service));
    writeRules(service);
    dropCopy();
    audit.record(
        AuditEvent.of(admin.username(), "service.create", "service", service.name())
            .withDetails(details(service)));
    return get(service.name());
  }

  @Transactional
  public ServiceDefinition update(String name, ServiceDefinition service, CurrentUser admin) {
    get(name);
    if (service.name() != null && !service.name().equals(name)) {
      throw ApiProblem.badRequest("name", "cannot be changed");
    }
    ServiceDefinition named =
        new ServiceDefinition(
            name,
            service.displayName(),
            service.serviceClass(),
            service.ownerGroup(),
            service.tier1Group(),
            service.tier2Group(),
            service.tier3Group(),
            service.calendarId(),
            service.labelRules());
    validate(named, false);
    jdbc.update(
        "UPDATE service SET display_name = ?, service_class = ?, owner_group = ?, tier1_group = ?,"
            + " tier2_group = ?, tier3_group = ?, calendar_id = ?, updated_at = now() WHERE name = ?",
        named.displayName().strip(),
        named.serviceClass(),
        named.ownerGroup(),
        named.tier1Group(),
        named.tier2Group(),
        named.tier3Group(),
        calendar(named),
        name);
    jdbc.update("DELETE FROM service_label_rule WHERE service_name = ?", name);
    writeRules(named);
    dropCopy();
    audit.record(
        AuditEvent.of(admin.username(), "service.update", "service", name)
            .withDetails(details(named)));
    return get(name);
  }

  @Transactional
  public void delete(String name, CurrentUser admin) {
    get(name);
    try {
      jdbc.update("DELETE FROM service WHERE name = ?", name);
      dropCopy();
    } catch (DataIntegrityViolationException inUse) {
      throw ApiProblem.conflict(
          "The service " + name + " still has integrations; delete them first");
    }
    audit.record(AuditEvent.of(admin.username(), "service.delete", "service", name));
  }

  private static String calendar(ServiceDefinition service) {
    return service.calendarId() == null || service.calendarId().isBlank()
        ? "default"
        : service.calendarId();
  }

  private void writeRules(ServiceDefinition service) {
    List<ServiceDefinition.LabelRule> rules =
        service.labelRules() == null ? List.of() : service.labelRules();
    Integer next =
        jdbc.queryForObject(
            "SELECT coalesce(max(position), 0) + 1 FROM service_label_rule", Integer.class);
    int position = next == null ? 1 : next;
    for (ServiceDefinition.LabelRule rule : rules) {
      jdbc.update(
          "INSERT INTO service_label_rule (service_name, label, value, position) VALUES (?, ?, ?, ?)",
          service.name(),
          rule.label(),
          rule.value(),
          position++);
    }
  }

  private Map<String, List<ServiceDefinition.LabelRule>> rules() {
    Map<String, List<ServiceDefinition.LabelRule>> rules = new LinkedHashMap<>();
    jdbc.query(
        "SELECT service_name, label, value FROM service_label_rule ORDER BY position, id",
        rs -> {
          rules
              .computeIfAbsent(rs.getString("service_name"), k -> new ArrayList<>())
              .add(new ServiceDefinition.LabelRule(rs.getString("label"), rs.getString("value")));
        });
    return rules;
  }

  private void validate(ServiceDefinition service, boolean creating) {
    List<FieldError> errors = new ArrayList<>();
    if (creating && (service.name() == null || !NAME.matcher(service.name()).matches())) {
      errors.add(
          new FieldError(
              "name",
              "must be 1-63 lower-case letters, digits or dashes, starting with a letter or digit"));
    }
    if (service.displayName() == null || service.displayName().isBlank()) {
      errors.add(new FieldError("displayName", "is required"));
    } else if (service.displayName().length() > MAX_TEXT) {
      errors.add(new FieldError("displayName", "is longer than " + MAX_TEXT + " characters"));
    }
    if (service.serviceClass() == null || !CLASSES.contains(service.serviceClass())) {
      errors.add(new FieldError("serviceClass", "must be core, agent or support"));
    }
    group(errors, "ownerGroup", service.ownerGroup());
    group(errors, "tier1Group", service.tier1Group());
    group(errors, "tier2Group", service.tier2Group());
    group(errors, "tier3Group", service.tier3Group());
    List<ServiceDefinition.LabelRule> rules =
        service.labelRules() == null ? List.of() : service.labelRules();
    for (int i = 0; i < rules.size(); i++) {
      ServiceDefinition.LabelRule rule = rules.get(i);
      if (rule == null
          || rule.label() == null
          || rule.label().isBlank()
          || rule.value() == null
          || rule.value().isBlank()) {
        errors.add(new FieldError("labelRules[" + i + "]", "needs a label and a value"));
        continue;
      }
      Integer taken =
          jdbc.queryForObject(
              "SELECT count(*) FROM service_label_rule WHERE label = ? AND value = ?"
                  + " AND service_name <> ?",
              Integer.class,
              rule.label(),
              rule.value(),
              String.valueOf(service.name()));
      if (taken != null && taken > 0) {
        errors.add(
            new FieldError("labelRules[" + i + "]", "another service has this rule already"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
  }

  private void group(List<FieldError> errors, String field, String group) {
    if (group == null || group.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return;
    }
    Integer exists =
        jdbc.queryForObject("SELECT count(*) FROM app_group WHERE name = ?", Integer.class, group);
    if (exists == null || exists == 0) {
      errors.add(new FieldError(field, "no group " + group));
    }
  }

  private static Map<String, Object> details(ServiceDefinition service) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("serviceClass", service.serviceClass());
    details.put("ownerGroup", service.ownerGroup());
    details.put("tiers", List.of(service.tier1Group(), service.tier2Group(), service.tier3Group()));
    details.put(
        "labelRules",
        service.labelRules() == null
            ? List.of()
            : service.labelRules().stream().map(r -> r.label() + "=" + r.value()).toList());
    return details;
  }
}
