package life.suoke.ops.backend.oncall.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.EscalationPolicyLookup;
import life.suoke.ops.processes.oncall.EscalationPolicy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalation policies as data: stored per team, attached to services (at most one per service),
 * validated completely before anything is written, audited. The incident process gets the policy of
 * its service from {@link #policyFor} and hands it to the generic escalation subprocess.
 */
@Service
public class EscalationPolicies implements EscalationPolicyLookup {

  /** What a client sends to create or change a policy. */
  public record PolicyInput(
      String id,
      String name,
      String description,
      String team,
      String calendarId,
      Integer repeat,
      String repageAfter,
      List<LevelInput> levels,
      List<String> services) {}

  public record LevelInput(
      List<TargetInput> targets,
      String acknowledgeWithin,
      Boolean roundRobin,
      List<String> businessHoursOnlyFor) {}

  public record TargetInput(String type, String id, Integer tier) {}

  /** A stored policy with its services. */
  public record Policy(
      String id,
      String name,
      String description,
      String team,
      String calendarId,
      int repeat,
      String repageAfter,
      List<EscalationPolicy.Level> levels,
      List<String> services,
      int version,
      String updatedBy,
      String updatedAt) {

    public EscalationPolicy definition() {
      return new EscalationPolicy(id, calendarId, repeat, repageAfter, levels);
    }
  }

  static final String OBJECT_TYPE = "escalation-policy";
  static final String CREATE = "oncall.policy-create";
  static final String UPDATE = "oncall.policy-update";
  static final String DELETE = "oncall.policy-delete";

  private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
  private static final Set<String> PRIORITIES = Set.of("P0", "P1", "P2", "P3");
  private static final Duration MIN_ACKNOWLEDGE = Duration.ofMinutes(1);
  private static final Duration MAX_ACKNOWLEDGE = Duration.ofDays(1);
  private static final int MAX_LEVELS = 10;
  private static final int MAX_TARGETS = 20;
  private static final TypeReference<List<EscalationPolicy.Level>> LEVELS =
      new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final UserDirectory directory;
  private final AuditTrail audit;
  private final ObjectMapper json;

  EscalationPolicies(
      JdbcTemplate jdbc,
      TransactionTemplate tx,
      UserDirectory directory,
      AuditTrail audit,
      ObjectMapper json) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.directory = directory;
    this.audit = audit;
    this.json = json;
  }

  public List<Policy> list() {
    return jdbc.query(SELECT + " ORDER BY p.name, p.id", this::row);
  }

  public Policy get(String id) {
    return find(id)
        .orElseThrow(() -> ApiProblem.notFound("There is no escalation policy " + id + "."));
  }

  private Optional<Policy> find(String id) {
    return jdbc.query(SELECT + " WHERE p.id = ?", this::row, id).stream().findFirst();
  }

  @Override
  public Optional<Map<String, Object>> policyFor(String service) {
    if (service == null) {
      return Optional.empty();
    }
    return jdbc
        .query(
            SELECT
                + " WHERE p.id = (SELECT policy_id FROM escalation_policy_service WHERE service = ?)",
            this::row,
            service)
        .stream()
        .findFirst()
        .map(p -> p.definition().toMap());
  }

  public Policy create(PolicyInput input, CurrentUser user) {
    EscalationPolicy definition = validate(input, null);
    requireEdit(user, input.team());
    try {
      tx.executeWithoutResult(
          status -> {
            jdbc.update(
                "INSERT INTO escalation_policy (id, name, description, team, calendar_id, repeat, repage_after,"
                    + " levels, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)",
                input.id(),
                input.name().trim(),
                blankToNull(input.description()),
                input.team(),
                definition.calendarId(),
                definition.repeat(),
                definition.repageAfter(),
                levelsJson(definition),
                user.username());
            attach(input.id(), services(input));
          });
    } catch (DuplicateKeyException e) {
      throw ApiProblem.badRequest("id", "is taken by another escalation policy");
    }
    audit.record(
        AuditEvent.of(user.username(), CREATE, OBJECT_TYPE, input.id())
            .withDetails(details(input)));
    return get(input.id());
  }

  public Policy update(String id, PolicyInput input, CurrentUser user) {
    Policy existing = get(id);
    requireEdit(user, existing.team());
    EscalationPolicy definition = validate(input, id);
    requireEdit(user, input.team());
    tx.executeWithoutResult(
        status -> {
          jdbc.update(
              "UPDATE escalation_policy SET name = ?, description = ?, team = ?, calendar_id = ?, repeat = ?,"
                  + " repage_after = ?, levels = ?::jsonb, version = version + 1, updated_by = ?, updated_at = now()"
                  + " WHERE id = ?",
              input.name().trim(),
              blankToNull(input.description()),
              input.team(),
              definition.calendarId(),
              definition.repeat(),
              definition.repageAfter(),
              levelsJson(definition),
              user.username(),
              id);
          jdbc.update("DELETE FROM escalation_policy_service WHERE policy_id = ?", id);
          attach(id, services(input));
        });
    audit.record(
        AuditEvent.of(user.username(), UPDATE, OBJECT_TYPE, id).withDetails(details(input)));
    return get(id);
  }

  public void delete(String id, CurrentUser user) {
    Policy existing = get(id);
    requireEdit(user, existing.team());
    jdbc.update("DELETE FROM escalation_policy WHERE id = ?", id);
    audit.record(
        AuditEvent.of(user.username(), DELETE, OBJECT_TYPE, id)
            .withDetails(Map.of("services", existing.services())));
  }

  private void attach(String policyId, List<String> services) {
    for (String service : services) {
      jdbc.update(
          "INSERT INTO escalation_policy_service (service, policy_id) VALUES (?, ?)",
          service,
          policyId);
    }
  }

  private void requireEdit(CurrentUser user, String team) {
    if (user.isAdmin()) {
      return;
    }
    boolean manager =
        team != null
            && directory.group(team).map(g -> g.managers().contains(user.username())).orElse(false);
    if (!manager) {
      throw ApiProblem.forbidden(
          "Only the managers of the policy's team and administrators change escalation policies.");
    }
  }

  // ---- validation: every field, every problem at once, before anything is written

  private EscalationPolicy validate(PolicyInput input, String existingId) {
    if (input == null) {
      throw ApiProblem.badRequest("body", "is missing");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (existingId == null) {
      if (input.id() == null || !ID.matcher(input.id()).matches()) {
        errors.add(
            new ApiProblem.FieldError(
                "id",
                "must be 1-63 lower-case letters, digits and '-', starting with a letter or digit"));
      }
    } else if (input.id() != null && !input.id().equals(existingId)) {
      errors.add(new ApiProblem.FieldError("id", "cannot be changed"));
    }
    if (input.name() == null || input.name().isBlank() || input.name().length() > 200) {
      errors.add(new ApiProblem.FieldError("name", "is required, at most 200 characters"));
    }
    if (input.description() != null && input.description().length() > 2000) {
      errors.add(new ApiProblem.FieldError("description", "is at most 2000 characters"));
    }
    if (input.team() == null || !directory.groupExists(input.team())) {
      errors.add(new ApiProblem.FieldError("team", "is not a known group"));
    }
    String calendar =
        input.calendarId() == null || input.calendarId().isBlank() ? "default" : input.calendarId();
    if (count("SELECT count(*) FROM business_calendar WHERE id = ?", calendar) == 0) {
      errors.add(new ApiProblem.FieldError("calendarId", "is not a known business calendar"));
    }
    int repeat = input.repeat() == null ? 0 : input.repeat();
    if (repeat < 0 || repeat > 9) {
      errors.add(new ApiProblem.FieldError("repeat", "must be between 0 and 9"));
    }
    String repageAfter = blankToNull(input.repageAfter());
    if (repageAfter != null) {
      duration("repageAfter", repageAfter, MIN_ACKNOWLEDGE, Duration.ofDays(7), errors);
    }
    List<EscalationPolicy.Level> levels = levels(input.levels(), errors);
    services(input, existingId, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return new EscalationPolicy(
        existingId != null ? existingId : input.id(), calendar, repeat, repageAfter, levels);
  }

  private List<EscalationPolicy.Level> levels(
      List<LevelInput> inputs, List<ApiProblem.FieldError> errors) {
    if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_LEVELS) {
      errors.add(new ApiProblem.FieldError("levels", "must have 1 to " + MAX_LEVELS + " levels"));
      return List.of();
    }
    List<EscalationPolicy.Level> levels = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String at = "levels[" + i + "]";
      LevelInput level = inputs.get(i);
      if (level == null) {
        errors.add(new ApiProblem.FieldError(at, "is missing"));
        continue;
      }
      List<EscalationPolicy.Target> targets = targets(at, level.targets(), errors);
      String within = level.acknowledgeWithin();
      if (within == null || within.isBlank()) {
        errors.add(
            new ApiProblem.FieldError(
                at + ".acknowledgeWithin", "is required (an ISO 8601 duration such as PT5M)"));
      } else {
        duration(at + ".acknowledgeWithin", within, MIN_ACKNOWLEDGE, MAX_ACKNOWLEDGE, errors);
      }
      List<String> businessHoursOnly =
          level.businessHoursOnlyFor() == null ? List.of() : level.businessHoursOnlyFor();
      for (String priority : businessHoursOnly) {
        if (!PRIORITIES.contains(priority)) {
          errors.add(
              new ApiProblem.FieldError(
                  at + ".businessHoursOnlyFor", "lists " + priority + ", not one of P0-P3"));
        }
      }
      if (!targets.isEmpty() && within != null && !within.isBlank()) {
        levels.add(
            new EscalationPolicy.Level(
                targets,
                within,
                Boolean.TRUE.equals(level.roundRobin()),
                List.copyOf(new LinkedHashSet<>(businessHoursOnly))));
      }
    }
    return levels;
  }

  private List<EscalationPolicy.Target> targets(
      String at, List<TargetInput> inputs, List<ApiProblem.FieldError> errors) {
    if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_TARGETS) {
      errors.add(
          new ApiProblem.FieldError(at + ".targets", "must have 1 to " + MAX_TARGETS + " targets"));
      return List.of();
    }
    List<EscalationPolicy.Target> targets = new ArrayList<>();
    for (int j = 0; j < inputs.size(); j++) {
      String field = at + ".targets[" + j + "]";
      TargetInput target = inputs.get(j);
      if (target == null || target.type() == null) {
        errors.add(
            new ApiProblem.FieldError(field + ".type", "is required: schedule, user or group"));
        continue;
      }
      String id = target.id();
      switch (target.type()) {
        case EscalationPolicy.TARGET_SCHEDULE -> {
          long scheduleId = parseLong(id);
          if (scheduleId <= 0
              || count("SELECT count(*) FROM oncall_schedule WHERE id = ?", scheduleId) == 0) {
            errors.add(new ApiProblem.FieldError(field + ".id", "is not a known schedule"));
          } else if (target.tier() != null && (target.tier() < 1 || target.tier() > 3)) {
            errors.add(new ApiProblem.FieldError(field + ".tier", "must be 1, 2 or 3"));
          } else {
            targets.add(
                EscalationPolicy.Target.schedule(id, target.tier() == null ? 1 : target.tier()));
          }
        }
        case EscalationPolicy.TARGET_USER -> {
          Optional<UserAccount> account = id == null ? Optional.empty() : directory.user(id);
          if (account.isEmpty() || !account.get().enabled()) {
            errors.add(new ApiProblem.FieldError(field + ".id", "is not a known, enabled user"));
          } else {
            targets.add(EscalationPolicy.Target.user(id));
          }
        }
        case EscalationPolicy.TARGET_GROUP -> {
          if (id == null || !directory.groupExists(id)) {
            errors.add(new ApiProblem.FieldError(field + ".id", "is not a known group"));
          } else {
            targets.add(EscalationPolicy.Target.group(id));
          }
        }
        default ->
            errors.add(
                new ApiProblem.FieldError(
                    field + ".type", "is " + target.type() + ", not schedule, user or group"));
      }
    }
    return targets;
  }

  private void services(PolicyInput input, String existingId, List<ApiProblem.FieldError> errors) {
    List<String> services = services(input);
    for (int i = 0; i < services.size(); i++) {
      String service = services.get(i);
      String field = "services[" + i + "]";
      if (count("SELECT count(*) FROM service WHERE name = ?", service) == 0) {
        errors.add(new ApiProblem.FieldError(field, "is not a known service"));
        continue;
      }
      List<String> owner =
          jdbc.queryForList(
              "SELECT policy_id FROM escalation_policy_service WHERE service = ?",
              String.class,
              service);
      if (!owner.isEmpty() && !owner.get(0).equals(existingId)) {
        errors.add(
            new ApiProblem.FieldError(field, "already has the escalation policy " + owner.get(0)));
      }
    }
    if (new LinkedHashSet<>(services).size() != services.size()) {
      errors.add(new ApiProblem.FieldError("services", "names a service twice"));
    }
  }

  private static List<String> services(PolicyInput input) {
    return input.services() == null ? List.of() : input.services();
  }

  private static void duration(
      String field, String value, Duration min, Duration max, List<ApiProblem.FieldError> errors) {
    try {
      Duration d = Duration.parse(value);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        errors.add(new ApiProblem.FieldError(field, "must be between " + min + " and " + max));
      }
    } catch (DateTimeParseException e) {
      errors.add(new ApiProblem.FieldError(field, "is not an ISO 8601 duration such as PT5M"));
    }
  }

  private static long parseLong(String value) {
    try {
      return value == null ? -1 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private long count(String sql, Object arg) {
    Long n = jdbc.queryForObject(sql, Long.class, arg);
    return n == null ? 0 : n;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private String levelsJson(EscalationPolicy definition) {
    try {
      return json.writeValueAsString(definition.levels());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("levels could not be written as JSON", e);
    }
  }

  private static Map<String, Object> details(PolicyInput input) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("team", input.team());
    details.put("levels", input.levels() == null ? 0 : input.levels().size());
    details.put("repeat", input.repeat());
    details.put("services", services(input));
    return details;
  }

  private static final String SELECT =
      "SELECT p.id, p.name, p.description, p.team, p.calendar_id, p.repeat,"
          + " p.repage_after, p.levels::text AS levels, p.version, p.updated_by, p.updated_at,"
          + " coalesce((SELECT array_agg(s.service ORDER BY s.service) FROM escalation_policy_service s"
          + " WHERE s.policy_id = p.id), '{}') AS services FROM escalation_policy p";

  private Policy row(ResultSet rs, int i) throws SQLException {
    List<EscalationPolicy.Level> levels;
    try {
      levels = json.readValue(rs.getString("levels"), LEVELS);
    } catch (JsonProcessingException e) {
      throw new SQLException(
          "levels of escalation policy " + rs.getString("id") + " are not readable", e);
    }
    String[] services = (String[]) rs.getArray("services").getArray();
    return new Policy(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("team"),
        rs.getString("calendar_id"),
        rs.getInt("repeat"),
        rs.getString("repage_after"),
        levels,
        List.of(services),
        rs.getInt("version"),
        rs.getString("updated_by"),
        rs.getTimestamp("updated_at").toInstant().toString());
  }
}
