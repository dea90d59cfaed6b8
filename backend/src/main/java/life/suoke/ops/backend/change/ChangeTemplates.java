package life.suoke.ops.backend.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The catalogue of pre-approved standard change templates, maintained by the change managers. Every
 * edit writes a new version; a change keeps the version it was requested from; retiring a template
 * makes its key unusable for new changes.
 */
@Service
public class ChangeTemplates {

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final JdbcTemplate jdbc;
  private final ServiceCatalog catalog;
  private final UserDirectory directory;
  private final AuditTrail audit;

  ChangeTemplates(
      JdbcTemplate jdbc, ServiceCatalog catalog, UserDirectory directory, AuditTrail audit) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.directory = directory;
    this.audit = audit;
  }

  /** One version of a template. */
  public record Template(
      String key,
      int version,
      String title,
      String description,
      String service,
      String implementerGroup,
      int durationMinutes,
      String steps,
      boolean active,
      String createdBy,
      Instant createdAt) {}

  /** What a change manager writes. */
  public record TemplateInput(
      String key,
      String title,
      String description,
      String service,
      String implementerGroup,
      Integer durationMinutes,
      String steps) {}

  /** The newest version of every template (active ones first). */
  public List<Template> latest() {
    return jdbc.query(
        "SELECT DISTINCT ON (template_key) * FROM change_template ORDER BY template_key, version DESC",
        (rs, i) -> row(rs));
  }

  public List<Template> versions(String key) {
    List<Template> versions =
        jdbc.query(
            "SELECT * FROM change_template WHERE template_key = ? ORDER BY version DESC",
            (rs, i) -> row(rs),
            key);
    if (versions.isEmpty()) {
      throw ApiProblem.notFound("There is no template " + key + ".");
    }
    return versions;
  }

  /** The newest version if the template exists and is active. */
  public Optional<Template> usable(String key) {
    return jdbc
        .query(
            "SELECT * FROM change_template WHERE template_key = ? ORDER BY version DESC LIMIT 1",
            (rs, i) -> row(rs),
            key)
        .stream()
        .filter(Template::active)
        .findFirst();
  }

  @Transactional
  public Template create(TemplateInput input, CurrentUser user) {
    List<ApiProblem.FieldError> errors = validate(input, true);
    if (errors.isEmpty()
        && !jdbc.queryForList("SELECT 1 FROM change_template WHERE template_key = ?", input.key())
            .isEmpty()) {
      throw ApiProblem.conflict(
          "The template " + input.key() + " exists already; edit it for a new version");
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return write(input.key(), 1, input, true, user, "change.template.create");
  }

  /** A new version with the input's fields. */
  @Transactional
  public Template update(String key, TemplateInput input, CurrentUser user) {
    Template current = versions(key).get(0);
    if (input.key() != null && !input.key().equals(key)) {
      throw ApiProblem.badRequest("key", "cannot be changed");
    }
    List<ApiProblem.FieldError> errors = validate(input, false);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return write(key, current.version() + 1, input, true, user, "change.template.update");
  }

  /** A new, inactive version: no new change can be requested from it. */
  @Transactional
  public Template retire(String key, CurrentUser user) {
    Template current = versions(key).get(0);
    TemplateInput same =
        new TemplateInput(
            key,
            current.title(),
            current.description(),
            current.service(),
            current.implementerGroup(),
            current.durationMinutes(),
            current.steps());
    return write(key, current.version() + 1, same, false, user, "change.template.retire");
  }

  private Template write(
      String key,
      int version,
      TemplateInput input,
      boolean active,
      CurrentUser user,
      String action) {
    jdbc.update(
        "INSERT INTO change_template (template_key, version, title, description, service, implementer_group,"
            + " duration_minutes, steps, active, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key,
        version,
        input.title().strip(),
        input.description() == null ? "" : input.description(),
        input.service(),
        input.implementerGroup(),
        input.durationMinutes(),
        input.steps() == null ? "" : input.steps(),
        active,
        user.username());
    audit.record(
        AuditEvent.of(user.username(), action, "change-template", key)
            .withDetail("version", version)
            .withDetail("service", input.service())
            .withDetail("active", active));
    return versions(key).get(0);
  }

  private List<ApiProblem.FieldError> validate(TemplateInput input, boolean creating) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input == null) {
      errors.add(new ApiProblem.FieldError("body", "is required"));
      return errors;
    }
    if (creating && (input.key() == null || !KEY.matcher(input.key()).matches())) {
      errors.add(
          new ApiProblem.FieldError("key", "must be 1-63 lower-case letters, digits or dashes"));
    }
    if (input.title() == null || input.title().isBlank()) {
      errors.add(new ApiProblem.FieldError("title", "is required"));
    } else if (input.title().length() > 200) {
      errors.add(new ApiProblem.FieldError("title", "must be at most 200 characters"));
    }
    if (input.description() != null && input.description().length() > 10_000) {
      errors.add(new ApiProblem.FieldError("description", "must be at most 10000 characters"));
    }
    if (input.steps() != null && input.steps().length() > 10_000) {
      errors.add(new ApiProblem.FieldError("steps", "must be at most 10000 characters"));
    }
    if (input.service() == null || catalog.find(input.service()).isEmpty()) {
      errors.add(new ApiProblem.FieldError("service", "no service " + input.service()));
    }
    if (input.implementerGroup() == null || !directory.groupExists(input.implementerGroup())) {
      errors.add(
          new ApiProblem.FieldError("implementerGroup", "no group " + input.implementerGroup()));
    }
    if (input.durationMinutes() == null
        || input.durationMinutes() < 5
        || input.durationMinutes() > 1440) {
      errors.add(new ApiProblem.FieldError("durationMinutes", "must be between 5 and 1440"));
    }
    return errors;
  }

  private static Template row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Template(
        rs.getString("template_key"),
        rs.getInt("version"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("service"),
        rs.getString("implementer_group"),
        rs.getInt("duration_minutes"),
        rs.getString("steps"),
        rs.getBoolean("active"),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }
}
