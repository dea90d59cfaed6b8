package life.suoke.ops.backend.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;

/**
 * A seal: one row of the chain that stands for a run of the engine's events, instead of a row for
 * each. The events themselves stay where they already are: in the engine's log (PostgreSQL, kept
 * for good: compaction moves old records to the archive, never deletes them) and, one document
 * each, in the search's exported records. The seal makes them part of the chain: its details name
 * the run's first and last log position, how many events it holds and a digest over them, and the
 * seal's own hash takes these into the chain. An event changed, removed or added in the log after
 * its seal no longer matches the digest, which the verifier recomputes from the log.
 *
 * <p>An event's digest is {@code hex(SHA-256(UTF-8(content)))} with {@code content} the JSON array
 * {@code [position, key, timestamp, valueType, intent, value]}, the value in the chain's canonical
 * JSON ({@link AuditChain#canonicalJson}). The seal's digest is {@code hex(SHA-256(UTF-8(d1 + "\n"
 * + d2 + ... + dn)))} over the events' digests in position order. Events in the range that have
 * rows of their own (the value types the search does not export) are not in the seal: their rows
 * are in the chain, written in the same transaction as the seal.
 *
 * <p>The row: actor {@code engine}, action {@value #ACTION}, object {@value #OBJECT_TYPE} {@code
 * <from>..<to>}, time the last event's timestamp, source position the last event's position,
 * details {@code {"digest": ..., "events": n, "from": first, "to": last}}.
 */
public final class AuditSeal {

  public static final String ACTION = "engine.seal";
  public static final String OBJECT_TYPE = "engine-log";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a seal states about its events. */
  public record Seal(long from, long to, long events, String digest) {

    /** The seal in a chain row's details, or null when the details are not a seal's. */
    public static Seal parse(String details) {
      try {
        JsonNode node = JSON.readTree(details);
        if (node == null
            || !node.path("from").canConvertToLong()
            || !node.path("to").canConvertToLong()
            || !node.path("events").canConvertToLong()
            || !node.path("digest").isTextual()) {
          return null;
        }
        return new Seal(
            node.path("from").asLong(),
            node.path("to").asLong(),
            node.path("events").asLong(),
            node.path("digest").asText());
      } catch (Exception notJson) {
        return null;
      }
    }

    Map<String, Object> details() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("digest", digest);
      details.put("events", events);
      details.put("from", from);
      details.put("to", to);
      return details;
    }
  }

  /** An event as the seal needs it: its position, time and digest (computed once, up front). */
  public record SealedEvent(long position, long timestamp, String digest) {

    public static SealedEvent of(EngineRecord record) {
      return new SealedEvent(record.position(), record.timestamp(), AuditSeal.digest(record));
    }
  }

  private AuditSeal() {}

  /** The digest of one event. */
  public static String digest(EngineRecord r) {
    return digest(r.position(), r.key(), r.timestamp(), r.valueType(), r.intent(), r.value());
  }

  /** The digest of one event, from its parts. */
  public static String digest(
      long position,
      long key,
      long timestamp,
      String valueType,
      String intent,
      Map<String, Object> value) {
    StringBuilder content = new StringBuilder(256);
    content
        .append('[')
        .append(position)
        .append(',')
        .append(key)
        .append(',')
        .append(timestamp)
        .append(',')
        .append(text(valueType))
        .append(',')
        .append(text(intent))
        .append(',')
        .append(AuditChain.canonicalJson(value == null ? Map.of() : value))
        .append(']');
    return AuditChain.sha256(content.toString());
  }

  private static String text(String value) {
    return value == null ? "null" : AuditChain.canonicalJson(value);
  }

  /** The seal of these events (at least one, in position order). */
  public static Seal seal(List<SealedEvent> events) {
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a seal needs at least one event");
    }
    StringBuilder digests = new StringBuilder(events.size() * 65);
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        digests.append('\n');
      }
      digests.append(events.get(i).digest());
    }
    return new Seal(
        events.get(0).position(),
        events.get(events.size() - 1).position(),
        events.size(),
        AuditChain.sha256(digests.toString()));
  }

  /**
   * The events a seal holds, read back through {@code c}: the engine's events in its range but
   * those that have chain rows of their own.
   */
  public static List<EngineRecord> events(Connection c, Seal seal, EngineEventSource source)
      throws SQLException {
    Set<Long> ownRows = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT source_position FROM audit_event WHERE source_position BETWEEN ? AND ?"
                + " AND action <> ?")) {
      p.setLong(1, seal.from());
      p.setLong(2, seal.to());
      p.setString(3, ACTION);
      try (ResultSet rows = p.executeQuery()) {
        while (rows.next()) {
          ownRows.add(rows.getLong(1));
        }
      }
    }
    List<EngineRecord> events = new ArrayList<>();
    for (EngineRecord r : source.events(c, seal.from(), seal.to())) {
      if (!ownRows.contains(r.position())) {
        events.add(r);
      }
    }
    return events;
  }

  /** The chain row of a seal over these events. */
  static AuditRow row(List<SealedEvent> events) {
    Seal seal = seal(events);
    SealedEvent last = events.get(events.size() - 1);
    return new AuditRow(
        Instant.ofEpochMilli(last.timestamp()),
        EngineRecordAuditor.ACTOR,
        ACTION,
        OBJECT_TYPE,
        seal.from() + ".." + seal.to(),
        null,
        null,
        null,
        last.position(),
        AuditChain.canonicalJson(seal.details()));
  }
}
