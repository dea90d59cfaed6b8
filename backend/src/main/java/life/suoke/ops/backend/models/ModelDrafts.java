package life.suoke.ops.backend.models;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

/**
 * Designers' drafts of BPMN, DMN and form files (table {@code model_draft}): saved, validated with
 * the deploy-time rules ({@link ModelValidator}) and deployed through {@link ProcessModels}. A
 * draft is not deployed until asked; saving it does not change the engine.
 */
@Service
public class ModelDrafts {

  /** Audit action of a saved draft. */
  public static final String DRAFT_SAVE = "model.draft-save";

  /** Audit action of a deleted draft. */
  public static final String DRAFT_DELETE = "model.draft-delete";

  /** A draft; {@code content} is null in lists. */
  public record Draft(
      UUID id,
      String kind,
      String resourceName,
      String content,
      String baseId,
      Integer baseVersion,
      String createdBy,
      Instant createdAt,
      String updatedBy,
      Instant updatedAt) {}

  /** What to save. */
  public record DraftInput(
      String resourceName, String content, String baseId, Integer baseVersion) {}

  /** The outcome of a validation. */
  public record Validation(boolean valid, List<ModelProblem> problems) {}

  private final JdbcTemplate jdbc;
  private final List<ModelValidator> validators;
  private final ProcessModels models;
  private final AuditTrail audit;

  public ModelDrafts(
      JdbcTemplate jdbc, List<ModelValidator> validators, ProcessModels models, AuditTrail audit) {
    this.jdbc = jdbc;
    this.validators = validators;
    this.models = models;
    this.audit = audit;
  }

  public List<Draft> list() {
    return jdbc.query(
        "SELECT id, kind, resource_name, NULL AS content, base_id, base_version, created_by, created_at, "
            + "updated_by, updated_at FROM model_draft ORDER BY updated_at DESC",
        MAPPER);
  }

  public Draft get(UUID id) {
    return jdbc.query("SELECT * FROM model_draft WHERE id = ?", MAPPER, id).stream()
        .findFirst()
        .orElseThrow(() -> ApiProblem.notFound("no draft " + id));
  }

  public Draft create(DraftInput input, CurrentUser user) {
    String kind = check(input);
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update(
        "INSERT INTO model_draft (id, kind, resource_name, content, base_id, base_version, created_by, created_at, "
            + "updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        kind,
        input.resourceName(),
        input.content(),
        input.baseId(),
        input.baseVersion(),
        user.username(),
        now,
        user.username(),
        now);
    audited(DRAFT_SAVE, id, user, input.resourceName());
    return get(id);
  }

  public Draft update(UUID id, DraftInput input, CurrentUser user) {
    Draft existing = get(id);
    String kind = check(input);
    if (!kind.equals(existing.kind())) {
      throw ApiProblem.badRequest("resourceName", "must stay a ." + existing.kind() + " file");
    }
    jdbc.update(
        "UPDATE model_draft SET resource_name = ?, content = ?, updated_by = ?, updated_at = ? WHERE id = ?",
        input.resourceName(),
        input.content(),
        user.username(),
        Timestamp.from(Instant.now()),
        id);
    audited(DRAFT_SAVE, id, user, input.resourceName());
    return get(id);
  }

  public void delete(UUID id, CurrentUser user) {
    Draft existing = get(id);
    jdbc.update("DELETE FROM model_draft WHERE id = ?", id);
    audited(DRAFT_DELETE, id, user, existing.resourceName());
  }

  /** Validates a draft with the deploy-time rules, without deploying it. */
  public Validation validate(UUID id) {
    Draft draft = get(id);
    return validate(draft.resourceName(), draft.content().getBytes(StandardCharsets.UTF_8));
  }

  /** Validates any file with the deploy-time rules, without deploying it. */
  public Validation validate(String resourceName, byte[] content) {
    String kind = kindOf(resourceName);
    if (kind == null) {
      return new Validation(
          false,
          List.of(new ModelProblem(resourceName, null, "is not a .bpmn, .dmn or .form file")));
    }
    if (content.length == 0) {
      return new Validation(false, List.of(new ModelProblem(resourceName, null, "is empty")));
    }
    List<ModelValidator> ordered = new ArrayList<>(validators);
    ordered.sort(
        Comparator.comparingInt(
            v -> org.springframework.core.annotation.OrderUtils.getOrder(v.getClass(), 0)));
    List<ModelProblem> problems = ordered.get(0).validate(resourceName, content);
    return new Validation(problems.isEmpty(), problems);
  }

  /** Deploys a draft (all or nothing); the draft stays, for the next change. */
  public ProcessModels.Deployed deploy(UUID id, CurrentUser user) {
    Draft draft = get(id);
    return models.deploy(
        List.of(
            new ProcessModels.ModelFile(
                draft.resourceName(), draft.content().getBytes(StandardCharsets.UTF_8))),
        user);
  }

  static String kindOf(String resourceName) {
    if (resourceName == null) {
      return null;
    }
    String lower = resourceName.toLowerCase(Locale.ROOT);
    for (String kind : List.of("bpmn", "dmn", "form")) {
      if (lower.endsWith("." + kind) && lower.length() > kind.length() + 1) {
        return kind;
      }
    }
    return null;
  }

  private String check(DraftInput input) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    String kind = input == null ? null : kindOf(input.resourceName());
    if (kind == null) {
      errors.add(new ApiProblem.FieldError("resourceName", "must end with .bpmn, .dmn or .form"));
    } else if (!input.resourceName().matches("[\\w.\\-]{1,200}")) {
      errors.add(
          new ApiProblem.FieldError("resourceName", "letters, digits, '.', '-' and '_' only"));
    }
    if (input == null || input.content() == null || input.content().isBlank()) {
      errors.add(new ApiProblem.FieldError("content", "is required"));
    } else if (input.content().getBytes(StandardCharsets.UTF_8).length > models.maxBytes()) {
      errors.add(
          new ApiProblem.FieldError("content", "is larger than " + models.maxBytes() + " bytes"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return kind;
  }

  private void audited(String action, UUID id, CurrentUser user, String resourceName) {
    audit.record(
        AuditEvent.of(user.username(), action, "model-draft", id.toString())
            .withDetails(Map.of("resourceName", resourceName)));
  }

  private static final RowMapper<Draft> MAPPER =
      (rs, i) ->
          new Draft(
              rs.getObject("id", UUID.class),
              rs.getString("kind"),
              rs.getString("resource_name"),
              rs.getString("content"),
              rs.getString("base_id"),
              (Integer) rs.getObject("base_version"),
              rs.getString("created_by"),
              rs.getTimestamp("created_at").toInstant(),
              rs.getString("updated_by"),
              rs.getTimestamp("updated_at").toInstant());
}
