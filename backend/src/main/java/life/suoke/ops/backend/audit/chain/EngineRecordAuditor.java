package life.suoke.ops.backend.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Takes the engine's event records into the audit trail, one page at a time. The events of the
 * value types the search exports (each event one document there) are sealed ({@link AuditSeal}):
 * one chain row per run of them, with a digest over their content. Every other event becomes a row
 * of its own: actor {@code engine}, action {@code <VALUE_TYPE>.<INTENT>}, object the process
 * instance (a deployment, or the record's own value type and key, for records of no process
 * instance), the process instance, business key and user task keys, details the record's value
 * (canonical JSON), time the record's timestamp, source position the record's log position ({@link
 * #row}; the auditors' search shows a sealed event the same way). A page delivered again is left
 * out where the chain already holds its positions ({@link AuditChainWriter#appendEngine}).
 *
 * <p>Business keys: a process instance's variable {@code businessKey} is kept in {@code
 * audit_business_key} (the search finds an instance's events by it) and remembered here (for up to
 * {@link #CACHE_SIZE} instances, least recently used first out), so that every row of the instance
 * carries it, the rows of the page that creates the variable included. An instance not seen since
 * start (after a restart) is looked up once in that table.
 *
 * <p>Knows nothing of the engine's classes: {@code runtime.audit.AuditRecordExporter} adapts the
 * engine's records to {@link EngineRecord}. Not thread safe: the engine's exporter runner calls it
 * from one thread.
 */
public final class EngineRecordAuditor {

  public static final String ACTOR = "engine";
  public static final int CACHE_SIZE = 100_000;
  static final String BUSINESS_KEY_VARIABLE = "businessKey";
  static final int BUSINESS_KEY_MAX_LENGTH = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NONE = "";

  /** An engine event record, as far as the audit needs it. */
  public record EngineRecord(
      long position,
      long key,
      long timestamp,
      String valueType,
      String intent,
      Map<String, Object> value) {}

  private final AuditChainWriter writer;
  private final DataSource dataSource;
  private final Set<String> sealedValueTypes;
  private final Map<Long, String> businessKeys =
      new LinkedHashMap<>(1 << 12, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** Every event a row of its own (nothing sealed). */
  public EngineRecordAuditor(DataSource dataSource) {
    this(dataSource, Set.of());
  }

  /**
   * @param sealedValueTypes the value types ({@code PROCESS_INSTANCE}, ...) whose events are sealed
   *     rather than written as rows: those the search exports
   */
  public EngineRecordAuditor(DataSource dataSource, Set<String> sealedValueTypes) {
    this(dataSource, new AuditChainWriter(dataSource), sealedValueTypes);
  }

  /**
   * @param writer the chain's writer, shared with the process's other writers so that their rows
   *     and the engine's go into the chain together
   */
  public EngineRecordAuditor(
      DataSource dataSource, AuditChainWriter writer, Set<String> sealedValueTypes) {
    this.dataSource = dataSource;
    this.writer = java.util.Objects.requireNonNull(writer, "writer");
    this.sealedValueTypes = Set.copyOf(sealedValueTypes);
  }

  /** Audits a page of event records (in position order); returns the chain rows appended. */
  public int audit(List<EngineRecord> records) throws SQLException {
    if (records.isEmpty()) {
      return 0;
    }
    learnBusinessKeys(records);
    List<AuditRow> rows = new ArrayList<>();
    List<AuditSeal.SealedEvent> sealed = new ArrayList<>(records.size());
    for (EngineRecord r : records) {
      if (sealedValueTypes.contains(r.valueType())) {
        sealed.add(AuditSeal.SealedEvent.of(r));
      } else {
        rows.add(row(r));
      }
    }
    return writer.appendEngine(rows, sealed);
  }

  private AuditRow row(EngineRecord r) {
    Map<String, Object> value = r.value() == null ? Map.of() : r.value();
    Long processInstanceKey = positiveLong(value.get("processInstanceKey"));
    return row(r, processInstanceKey == null ? null : businessKeys.get(processInstanceKey));
  }

  /** The row of an engine event, with its process instance's business key (or null). */
  public static AuditRow row(EngineRecord r, String businessKey) {
    Map<String, Object> value = r.value() == null ? Map.of() : r.value();
    Long processInstanceKey = positiveLong(value.get("processInstanceKey"));
    String objectType;
    String objectId;
    if (processInstanceKey != null) {
      objectType = "process-instance";
      objectId = processInstanceKey.toString();
    } else {
      objectType = r.valueType().toLowerCase(Locale.ROOT).replace('_', '-');
      objectId = Long.toString(r.key());
    }
    Long taskKey =
        "USER_TASK".equals(r.valueType()) ? positiveLong(value.get("userTaskKey")) : null;
    return new AuditRow(
        Instant.ofEpochMilli(r.timestamp()),
        ACTOR,
        r.valueType() + "." + r.intent(),
        objectType,
        objectId,
        processInstanceKey,
        businessKey == null || businessKey.isEmpty() ? null : businessKey,
        taskKey,
        r.position(),
        AuditChain.canonicalJson(value));
  }

  /** Fills the cache for every process instance of the page, in log order. */
  private void learnBusinessKeys(List<EngineRecord> records) throws SQLException {
    Set<Long> unknown = new LinkedHashSet<>();
    Map<Long, String> learned = new LinkedHashMap<>();
    for (EngineRecord r : records) {
      Map<String, Object> value = r.value() == null ? Map.of() : r.value();
      Long pik = positiveLong(value.get("processInstanceKey"));
      if (pik == null) {
        continue;
      }
      if ("VARIABLE".equals(r.valueType())
          && BUSINESS_KEY_VARIABLE.equals(value.get("name"))
          && pik.equals(positiveLong(value.get("scopeKey")))) {
        String key = businessKey(value.get("value"));
        businessKeys.put(pik, key);
        learned.put(pik, key);
        unknown.remove(pik);
      } else if ("PROCESS_INSTANCE".equals(r.valueType())
          && "ELEMENT_ACTIVATING".equals(r.intent())
          && "PROCESS".equals(value.get("bpmnElementType"))
          && r.key() == pik) {
        // A new instance: nothing to look up, its variable (if any) comes later in the log.
        businessKeys.putIfAbsent(pik, NONE);
        unknown.remove(pik);
      } else if (!businessKeys.containsKey(pik)) {
        unknown.add(pik);
      }
    }
    if (!unknown.isEmpty()) {
      Map<Long, String> found = lookUp(unknown);
      for (Long pik : unknown) {
        businessKeys.put(pik, found.getOrDefault(pik, NONE));
      }
    }
    if (!learned.isEmpty()) {
      keep(learned);
    }
  }

  /**
   * Stores the instances' business keys (an empty one removes the instance's). The commit does not
   * wait for the WAL flush: a crash that loses it loses the page's acknowledgement too (later in
   * the WAL), and the page is audited again.
   */
  private void keep(Map<Long, String> learned) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT INTO audit_business_key (process_instance_key, business_key)"
                      + " VALUES (?, ?) ON CONFLICT (process_instance_key)"
                      + " DO UPDATE SET business_key = EXCLUDED.business_key");
          PreparedStatement delete =
              c.prepareStatement("DELETE FROM audit_business_key WHERE process_instance_key = ?")) {
        s.execute("SET LOCAL synchronous_commit TO OFF");
        for (Map.Entry<Long, String> e : learned.entrySet()) {
          if (e.getValue().isEmpty()) {
            delete.setLong(1, e.getKey());
            delete.addBatch();
          } else {
            upsert.setLong(1, e.getKey());
            upsert.setString(2, e.getValue());
            upsert.addBatch();
          }
        }
        upsert.executeBatch();
        delete.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private Map<Long, String> lookUp(Set<Long> keys) throws SQLException {
    Map<Long, String> found = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT process_instance_key, business_key FROM audit_business_key"
                    + " WHERE process_instance_key = ANY(?)")) {
      Array array = c.createArrayOf("int8", keys.toArray());
      p.setArray(1, array);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          found.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return found;
  }

  /** A variable's value is JSON text: a string variable gives its text, anything else its JSON. */
  static String businessKey(Object variableValue) {
    if (variableValue == null) {
      return NONE;
    }
    String text = variableValue.toString();
    try {
      JsonNode node = JSON.readTree(text);
      if (node != null && node.isTextual()) {
        text = node.textValue();
      } else if (node == null || node.isNull()) {
        return NONE;
      }
    } catch (Exception notJson) {
      // kept as it is
    }
    return text.length() > BUSINESS_KEY_MAX_LENGTH
        ? text.substring(0, BUSINESS_KEY_MAX_LENGTH)
        : text;
  }

  private static Long positiveLong(Object value) {
    if (value instanceof Number n) {
      long l = n.longValue();
      return l > 0 ? l : null;
    }
    return null;
  }
}
