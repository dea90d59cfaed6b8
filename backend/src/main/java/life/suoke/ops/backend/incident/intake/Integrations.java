package life.suoke.ops.backend.incident.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The alert integrations and their tokens ({@code integration}); administered by admins. */
@Service
public class Integrations {

  private static final Set<String> TYPES =
      Set.of(Integration.ALERTMANAGER, Integration.EVENTS_V2, Integration.HEARTBEAT);
  private static final Duration MIN_HEARTBEAT = Duration.ofMinutes(1);
  private static final Duration MAX_HEARTBEAT = Duration.ofDays(7);

  private final JdbcTemplate jdbc;
  private final ServiceCatalog catalog;
  private final AuditTrail audit;
  private final String publicUrl;
  private final SecureRandom random = new SecureRandom();

  Integrations(
      JdbcTemplate jdbc,
      ServiceCatalog catalog,
      AuditTrail audit,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.audit = audit;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** A new integration: the token (shown only now) and where the source sends to. */
  public record Created(Integration integration, String token, String url) {}

  @Transactional
  public Created create(
      String type, String name, String service, String heartbeatInterval, CurrentUser admin) {
    List<FieldError> errors = new ArrayList<>();
    if (type == null || !TYPES.contains(type)) {
      errors.add(new FieldError("type", "must be alertmanager, events-v2 or heartbeat"));
    }
    if (name == null || name.isBlank() || name.length() > 100) {
      errors.add(new FieldError("name", "is required, at most 100 characters"));
    } else if (count("SELECT count(*) FROM integration WHERE name = ?", name.strip()) > 0) {
      errors.add(new FieldError("name", "is taken by another integration"));
    }
    if (service == null || catalog.find(service).isEmpty()) {
      errors.add(new FieldError("service", "no service " + service));
    }
    Duration interval = null;
    if (Integration.HEARTBEAT.equals(type)) {
      interval = heartbeatInterval(heartbeatInterval, errors);
    } else if (heartbeatInterval != null) {
      errors.add(new FieldError("heartbeatInterval", "only heartbeat integrations have one"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    byte[] secret = new byte[16];
    random.nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    UUID id = UUID.randomUUID();
    jdbc.update(
        "INSERT INTO integration (id, type, name, service, token_sha256, token_hint, heartbeat_interval,"
            + " last_heartbeat_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?::interval, ?, ?)",
        id,
        type,
        name.strip(),
        service,
        sha256(token),
        token.substring(0, 6),
        interval == null ? null : interval.getSeconds() + " seconds",
        interval == null ? null : Timestamp.from(Instant.now()),
        admin.username());
    audit.record(
        AuditEvent.of(admin.username(), "integration.create", "integration", id.toString())
            .withDetails(Map.of("type", type, "name", name.strip(), "service", service)));
    Integration created = get(id);
    return new Created(created, token, url(type, token));
  }

  /** Where a source of this type sends, with its token. */
  public String url(String type, String token) {
    return switch (type) {
      case Integration.ALERTMANAGER -> publicUrl + "/api/integrations/alertmanager/" + token;
      case Integration.HEARTBEAT -> publicUrl + "/api/integrations/heartbeat/" + token;
      default -> publicUrl + "/api/integrations/events/v2/enqueue";
    };
  }

  public List<Integration> list() {
    return jdbc.query("SELECT * FROM integration ORDER BY service, name", (rs, i) -> row(rs));
  }

  public Integration get(UUID id) {
    return jdbc.query("SELECT * FROM integration WHERE id = ?", (rs, i) -> row(rs), id).stream()
        .findFirst()
        .orElseThrow(() -> ApiProblem.notFound("No integration " + id));
  }

  @Transactional
  public void delete(UUID id, CurrentUser admin) {
    Integration integration = get(id);
    jdbc.update("DELETE FROM integration WHERE id = ?", id);
    audit.record(
        AuditEvent.of(admin.username(), "integration.delete", "integration", id.toString())
            .withDetails(Map.of("type", integration.type(), "name", integration.name())));
  }

  /** The integration of this type whose token this is. */
  public Optional<Integration> byToken(String type, String token) {
    if (token == null || token.isEmpty() || token.length() > 200) {
      return Optional.empty();
    }
    return jdbc
        .query(
            "SELECT * FROM integration WHERE token_sha256 = ? AND type = ?",
            (rs, i) -> row(rs),
            sha256(token),
            type)
        .stream()
        .findFirst();
  }

  void heartbeat(UUID id, Instant at) {
    jdbc.update(
        "UPDATE integration SET last_heartbeat_at = ? WHERE id = ?", Timestamp.from(at), id);
  }

  /** Heartbeat integrations whose last beat is older than their interval at {@code now}. */
  List<Integration> missedHeartbeats(Instant now) {
    return jdbc.query(
        "SELECT * FROM integration WHERE type = 'heartbeat'"
            + " AND last_heartbeat_at + heartbeat_interval < ?",
        (rs, i) -> row(rs),
        Timestamp.from(now));
  }

  private Duration heartbeatInterval(String text, List<FieldError> errors) {
    if (text == null) {
      errors.add(
          new FieldError("heartbeatInterval", "is required for a heartbeat (ISO 8601, e.g. PT5M)"));
      return null;
    }
    try {
      Duration interval = Duration.parse(text);
      if (interval.compareTo(MIN_HEARTBEAT) < 0 || interval.compareTo(MAX_HEARTBEAT) > 0) {
        errors.add(new FieldError("heartbeatInterval", "must be between PT1M and P7D"));
        return null;
      }
      return interval;
    } catch (RuntimeException e) {
      errors.add(new FieldError("heartbeatInterval", "is not an ISO 8601 duration such as PT5M"));
      return null;
    }
  }

  private int count(String sql, Object... args) {
    Integer n = jdbc.queryForObject(sql, Integer.class, args);
    return n == null ? 0 : n;
  }

  private static Integration row(ResultSet rs) throws SQLException {
    Object interval = rs.getObject("heartbeat_interval");
    Timestamp last = rs.getTimestamp("last_heartbeat_at");
    return new Integration(
        rs.getObject("id", UUID.class),
        rs.getString("type"),
        rs.getString("name"),
        rs.getString("service"),
        rs.getString("token_hint"),
        interval == null ? null : seconds(interval),
        last == null ? null : last.toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static Duration seconds(Object interval) {
    org.postgresql.util.PGInterval pg = (org.postgresql.util.PGInterval) interval;
    return Duration.ofDays(pg.getDays())
        .plusHours(pg.getHours())
        .plusMinutes(pg.getMinutes())
        .plusMillis(Math.round(pg.getSeconds() * 1000));
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
