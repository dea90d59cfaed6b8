package life.suoke.ops.search.export;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * Index, template and document names in the layout of Zeebe's Elasticsearch exporter (default
 * prefix), so that audit queries written for a Zeebe cluster's exported records run unchanged on
 * ours: one index per value type, broker version and UTC day, e.g. {@code
 * zeebe-record_process-instance_8.8.14_2026-11-26}, with an alias per value type ({@code
 * zeebe-record-process-instance}) over all of its days.
 */
public final class ZeebeRecordIndex {

  public static final String PREFIX = "zeebe-record";

  /** Like Zeebe's exporter, the version of the software that exports, not of the record. */
  public static final String VERSION = Record.BROKER_VERSION;

  private ZeebeRecordIndex() {}

  /** The index a record goes to; the day is the record's timestamp in UTC. */
  public static String indexName(Record record) {
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC);
    return PREFIX + "_" + record.valueType().indexName() + "_" + VERSION + "_" + day;
  }

  /**
   * {@code <partitionId>-<position>}: a record exported again lands on the same document, so
   * at-least-once delivery never makes duplicates.
   */
  public static String documentId(Record record) {
    return record.partitionId() + "-" + record.position();
  }

  /** Matches every index of the value type, whatever the version and day. */
  public static String pattern(ValueType type) {
    return PREFIX + "_" + type.indexName() + "_*";
  }

  public static String alias(ValueType type) {
    return PREFIX + "-" + type.indexName();
  }

  public static String templateName(ValueType type) {
    return PREFIX + "_" + type.indexName();
  }
}
