package life.suoke.ops.backend.incident.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance windows and silences per service: an alert of the service inside one (and carrying
 * every label of its matchers) is recorded but pages nobody.
 */
@Service
public class Silences {

  /** A label an alert must carry with this value for the silence to apply. */
  public record Matcher(String label, String value) {}

  /**
   * A maintenance window or silence.
   *
   * @param kind maintenance or silence
   */
  public record Silence(
      Long id,
      String kind,
      String service,
      Instant startsAt,
      Instant endsAt,
      String reason,
      List<Matcher> matchers,
      String createdBy,
      Instant createdAt) {}

  private static final TypeReference<List<Matcher>> MATCHERS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ServiceCatalog catalog;
  private final AuditTrail audit;
  private final ObjectMapper json;

  Silences(JdbcTemplate jdbc, ServiceCatalog catalog, AuditTrail audit, ObjectMapper json) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.audit = audit;
    this.json = json;
  }

  @Transactional
  public Silence create(Silence silence, CurrentUser user) {
    List<FieldError> errors = new ArrayList<>();
    String kind = silence.kind() == null ? "silence" : silence.kind();
    if (!kind.equals("silence") && !kind.equals("maintenance")) {
      errors.add(new FieldError("kind", "must be maintenance or silence"));
    }
    if (silence.service() == null || catalog.find(silence.service()).isEmpty()) {
      errors.add(new FieldError("service", "no service " + silence.service()));
    }
    if (silence.startsAt() == null) {
      errors.add(new FieldError("startsAt", "is required"));
    }
    if (silence.endsAt() == null) {
      errors.add(new FieldError("endsAt", "is required"));
    } else if (silence.startsAt() != null && !silence.endsAt().isAfter(silence.startsAt())) {
      errors.add(new FieldError("endsAt", "must be after startsAt"));
    } else if (!silence.endsAt().isAfter(Instant.now())) {
      errors.add(new FieldError("endsAt", "is in the past"));
    }
    if (silence.reason() == null || silence.reason().isBlank() || silence.reason().length() > 500) {
      errors.add(new FieldError("reason", "is required, at most 500 characters"));
    }
    List<Matcher> matchers = silence.matchers() == null ? List.of() : silence.matchers();
    for (int i = 0; i < matchers.size(); i++) {
      Matcher m = matchers.get(i);
      if (m == null || m.label() == null || m.label().isBlank() || m.value() == null) {
        errors.add(new FieldError("matchers[" + i + "]", "needs a label and a value"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    Long id =
        jdbc.queryForObject(
            "INSERT INTO silence (kind, service, starts_at, ends_at, reason, matchers, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id",
            Long.class,
            kind,
            silence.service(),
            Timestamp.from(silence.startsAt()),
            Timestamp.from(silence.endsAt()),
            silence.reason().strip(),
            write(matchers),
            user.username());
    audit.record(
        AuditEvent.of(user.username(), "silence.create", "silence", String.valueOf(id))
            .withDetails(
                Map.of(
                    "kind",
                    kind,
                    "service",
                    silence.service(),
                    "startsAt",
                    silence.startsAt().toString(),
                    "endsAt",
                    silence.endsAt().toString())));
    return get(id);
  }

  public Silence get(long id) {
    return jdbc.query("SELECT * FROM silence WHERE id = ?", (rs, i) -> row(rs), id).stream()
        .findFirst()
        .orElseThrow(() -> ApiProblem.notFound("No silence " + id));
  }

  /** Silences that have not ended yet, soonest first. */
  public List<Silence> current() {
    return jdbc.query(
        "SELECT * FROM silence WHERE ends_at > now() ORDER BY starts_at", (rs, i) -> row(rs));
  }

  @Transactional
  public void delete(long id, CurrentUser user) {
    Silence silence = get(id);
    jdbc.update("DELETE FROM silence WHERE id = ?", id);
    audit.record(
        AuditEvent.of(user.username(), "silence.delete", "silence", String.valueOf(id))
            .withDetails(Map.of("service", silence.service())));
  }

  /**
   * The silence that applies to an alert of the service with these labels at {@code at}, if any.
   */
  Optional<Silence> matching(String service, Map<String, String> labels, Instant at) {
    Timestamp t = Timestamp.from(at);
    return jdbc
        .query(
            "SELECT * FROM silence WHERE service = ? AND starts_at <= ? AND ends_at > ? ORDER BY id",
            (rs, i) -> row(rs),
            service,
            t,
            t)
        .stream()
        .filter(s -> s.matchers().stream().allMatch(m -> m.value().equals(labels.get(m.label()))))
        .findFirst();
  }

  private String write(List<Matcher> matchers) {
    try {
      return json.writeValueAsString(matchers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Silence row(ResultSet rs) throws SQLException {
    try {
      return new Silence(
          rs.getLong("id"),
          rs.getString("kind"),
          rs.getString("service"),
          rs.getTimestamp("starts_at").toInstant(),
          rs.getTimestamp("ends_at").toInstant(),
          rs.getString("reason"),
          json.readValue(rs.getString("matchers"), MATCHERS),
          rs.getString("created_by"),
          rs.getTimestamp("created_at").toInstant());
    } catch (JsonProcessingException e) {
      throw new SQLException("unreadable matchers of silence " + rs.getLong("id"), e);
    }
  }
}
