package life.suoke.ops.backend.audit.chain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The chain's rules, in one place for the writer and the verifier.
 *
 * <p>A row's hash is {@code hex(SHA-256(UTF-8(content)))}, where {@code content} is one JSON array:
 *
 * <pre>{@code
 * [prevHash, seq, occurredAt, actor, action, objectType, objectId,
 *  processInstanceKey, businessKey, taskKey, sourcePosition, details]
 * }</pre>
 *
 * with strings as JSON strings, keys and numbers as JSON numbers, absent values as {@code null},
 * {@code occurredAt} as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, microseconds: what PostgreSQL's
 * {@code timestamptz} keeps), and {@code details} inserted as the row's stored details text
 * verbatim. The first row's {@code prevHash} is {@link #GENESIS} (64 zeros).
 *
 * <p>Details are written canonically ({@link #canonicalJson}): object members sorted by name
 * (recursively), no insignificant white space, UTF-8 characters as they are. The text stored is the
 * text hashed, so verification never depends on re-serialising.
 */
public final class AuditChain {

  public static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                  .build())
          .addModule(new JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** The instant as the chain keeps it: truncated to microseconds. */
  public static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MICROS);
  }

  /** The fixed time format of the hashed content. */
  public static String formatTime(Instant at) {
    return TIME.format(truncate(at));
  }

  /** Details as canonical JSON: members sorted by name at every level, compact. */
  public static String canonicalJson(Object details) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeCanonical(g, details == null ? Map.of() : details);
    } catch (IOException e) {
      throw new UncheckedIOException("audit details could not be written as JSON", e);
    }
    return out.toString();
  }

  /** The content a row's hash is computed over. */
  public static String content(
      String prevHash,
      long seq,
      Instant occurredAt,
      String actor,
      String action,
      String objectType,
      String objectId,
      Long processInstanceKey,
      String businessKey,
      Long taskKey,
      Long sourcePosition,
      String details) {
    StringWriter out = new StringWriter(256 + details.length());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartArray();
      g.writeString(prevHash);
      g.writeNumber(seq);
      g.writeString(formatTime(occurredAt));
      g.writeString(actor);
      g.writeString(action);
      g.writeString(objectType);
      g.writeString(objectId);
      writeLong(g, processInstanceKey);
      if (businessKey == null) {
        g.writeNull();
      } else {
        g.writeString(businessKey);
      }
      writeLong(g, taskKey);
      writeLong(g, sourcePosition);
      g.writeRawValue(details);
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The hash of a row: hex SHA-256 of its {@link #content}. */
  public static String hash(
      String prevHash,
      long seq,
      Instant occurredAt,
      String actor,
      String action,
      String objectType,
      String objectId,
      Long processInstanceKey,
      String businessKey,
      Long taskKey,
      Long sourcePosition,
      String details) {
    return sha256(
        content(
            prevHash,
            seq,
            occurredAt,
            actor,
            action,
            objectType,
            objectId,
            processInstanceKey,
            businessKey,
            taskKey,
            sourcePosition,
            details));
  }

  /** The hash of a row. */
  public static String hash(String prevHash, long seq, AuditRow row) {
    return hash(
        prevHash,
        seq,
        row.occurredAt(),
        row.actor(),
        row.action(),
        row.objectType(),
        row.objectId(),
        row.processInstanceKey(),
        row.businessKey(),
        row.taskKey(),
        row.sourcePosition(),
        row.details());
  }

  static String sha256(String content) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeLong(JsonGenerator g, Long value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeNumber(value);
    }
  }

  private static void writeCanonical(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> map) {
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
      g.writeStartObject();
      for (Map.Entry<?, ?> e : entries) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeCanonical(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        writeCanonical(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Object[] array) {
      writeCanonical(g, List.of(array));
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof Enum<?> e) {
      g.writeString(e.name());
    } else {
      // Anything else (java.time, records, beans): as the mapper sees it, then canonically.
      writeCanonical(g, MAPPER.convertValue(v, Object.class));
    }
  }
}
