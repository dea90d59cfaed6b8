package life.suoke.ops.engine.record;

import java.util.Map;
import java.util.Objects;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.value.RecordValue;
import life.suoke.ops.engine.record.value.RecordValues;

/**
 * One entry of the engine's append-only log, in the shape of a Zeebe record. Its value is typed
 * ({@link #typedValue()}, one {@link RecordValue} type per value type) when the engine wrote it
 * that way or reads it back; {@link #value()} is the same value in Zeebe's JSON shape (Map, List,
 * String, Number, Boolean, null), which is what the log stores and the exporters and gateways
 * carry. Commands and the value types without a typed value have only the JSON shape.
 *
 * <p>A record written with a typed value makes its JSON shape only when {@link #value()} is first
 * asked for: the log writes the typed value's fields as JSON straight from the value ({@code
 * log.RecordJson}), so the engine's own thread never builds that map.
 *
 * <p>Records are immutable and compare by all their fields, the value by its JSON shape.
 */
public final class Record {

  public static final int PARTITION_ID = 1;
  public static final String BROKER_VERSION = "8.8.14";

  private final int partitionId;
  private final long position;
  private final long sourceRecordPosition;
  private final long key;
  private final long timestamp;
  private final RecordType recordType;
  private final ValueType valueType;
  private final Intent intent;
  private final RejectionType rejectionType;
  private final String rejectionReason;
  private final String brokerVersion;
  private final RecordValue typed;

  /**
   * The value's JSON shape: given, or made from {@link #typed} on the first {@link #value()} (once:
   * the exporters' and gateways' threads share records and may hold on to the map).
   */
  private volatile Map<String, Object> value;

  /**
   * The typed value read from the JSON, kept once read: a record read back from the log is shared
   * by the exporters' threads and the replay's appliers. A race reads it twice at worst, to equal
   * immutable values.
   */
  private RecordValue read;

  /**
   * A record with a JSON value.
   *
   * @param position strictly increasing order of the record in the log
   * @param sourceRecordPosition position of the command this record was written for, -1 if none
   * @param key the key of the entity the record is about, -1 if none
   * @param timestamp engine clock, epoch milliseconds
   * @param intent what the record asks for or states, one of its value type's intents (such as
   *     {@link life.suoke.ops.engine.record.intent.ProcessInstanceIntent#ELEMENT_ACTIVATED}); the
   *     log stores and the exporters and gateways print its name
   */
  public Record(
      int partitionId,
      long position,
      long sourceRecordPosition,
      long key,
      long timestamp,
      RecordType recordType,
      ValueType valueType,
      Intent intent,
      RejectionType rejectionType,
      String rejectionReason,
      String brokerVersion,
      Map<String, Object> value) {
    this(
        partitionId,
        position,
        sourceRecordPosition,
        key,
        timestamp,
        recordType,
        valueType,
        intent,
        rejectionType,
        rejectionReason,
        brokerVersion,
        value,
        null);
  }

  /** A record with a typed value (its JSON shape made once, when first asked for). */
  public Record(
      int partitionId,
      long position,
      long sourceRecordPosition,
      long key,
      long timestamp,
      RecordType recordType,
      Intent intent,
      RejectionType rejectionType,
      String rejectionReason,
      String brokerVersion,
      RecordValue value) {
    this(
        partitionId,
        position,
        sourceRecordPosition,
        key,
        timestamp,
        recordType,
        value.valueType(),
        intent,
        rejectionType,
        rejectionReason,
        brokerVersion,
        null,
        value);
  }

  private Record(
      int partitionId,
      long position,
      long sourceRecordPosition,
      long key,
      long timestamp,
      RecordType recordType,
      ValueType valueType,
      Intent intent,
      RejectionType rejectionType,
      String rejectionReason,
      String brokerVersion,
      Map<String, Object> value,
      RecordValue typed) {
    if (intent == null || intent.valueType() != valueType) {
      throw new IllegalArgumentException(
          "The intent of a " + valueType + " record must be one of its intents, not " + intent);
    }
    this.partitionId = partitionId;
    this.position = position;
    this.sourceRecordPosition = sourceRecordPosition;
    this.key = key;
    this.timestamp = timestamp;
    this.recordType = recordType;
    this.valueType = valueType;
    this.intent = intent;
    this.rejectionType = rejectionType;
    this.rejectionReason = rejectionReason;
    this.brokerVersion = brokerVersion;
    this.value = value;
    this.typed = typed;
  }

  public int partitionId() {
    return partitionId;
  }

  public long position() {
    return position;
  }

  public long sourceRecordPosition() {
    return sourceRecordPosition;
  }

  public long key() {
    return key;
  }

  public long timestamp() {
    return timestamp;
  }

  public RecordType recordType() {
    return recordType;
  }

  public ValueType valueType() {
    return valueType;
  }

  public Intent intent() {
    return intent;
  }

  public RejectionType rejectionType() {
    return rejectionType;
  }

  public String rejectionReason() {
    return rejectionReason;
  }

  public String brokerVersion() {
    return brokerVersion;
  }

  /**
   * The value in Zeebe's JSON shape; for a record written with a typed value, that value's {@link
   * RecordValue#toJson()}, made on the first call and the same map from then on.
   */
  public Map<String, Object> value() {
    Map<String, Object> json = value;
    if (json == null && typed != null) {
      synchronized (this) {
        json = value;
        if (json == null) {
          json = typed.toJson();
          value = json;
        }
      }
    }
    return json;
  }

  /**
   * Whether the record was made with its typed value (the events the engine writes) rather than
   * from its JSON (commands, rejections, records read back): then {@link #typedValue()} is that
   * value, and its fields are what the log writes.
   */
  public boolean madeTyped() {
    return typed != null;
  }

  /**
   * The typed value: the one the record was written with, or else read from its JSON (a missing or
   * mistyped field is a {@link life.suoke.ops.engine.record.value.RecordValueException}).
   *
   * @throws IllegalArgumentException if records of this value type have no typed value
   */
  public RecordValue typedValue() {
    if (typed != null) {
      return typed;
    }
    RecordValue once = read;
    if (once == null) {
      once = RecordValues.of(valueType, value);
      read = once;
    }
    return once;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Record r
        && partitionId == r.partitionId
        && position == r.position
        && sourceRecordPosition == r.sourceRecordPosition
        && key == r.key
        && timestamp == r.timestamp
        && recordType == r.recordType
        && valueType == r.valueType
        && intent == r.intent
        && rejectionType == r.rejectionType
        && Objects.equals(rejectionReason, r.rejectionReason)
        && Objects.equals(brokerVersion, r.brokerVersion)
        && sameValue(r);
  }

  /** Whether both values have the same JSON shape; equal typed values have, without making it. */
  private boolean sameValue(Record r) {
    if (typed != null && typed.equals(r.typed)) {
      return true;
    }
    return Objects.equals(value(), r.value());
  }

  /**
   * A hash of the fields that place the record, not of its value: equal records have equal ones,
   * and a typed record's JSON shape is not made for it.
   */
  @Override
  public int hashCode() {
    return Objects.hash(position, key, intent);
  }

  @Override
  public String toString() {
    return "Record[partitionId="
        + partitionId
        + ", position="
        + position
        + ", sourceRecordPosition="
        + sourceRecordPosition
        + ", key="
        + key
        + ", timestamp="
        + timestamp
        + ", recordType="
        + recordType
        + ", valueType="
        + valueType
        + ", intent="
        + intent
        + ", rejectionType="
        + rejectionType
        + ", rejectionReason="
        + rejectionReason
        + ", brokerVersion="
        + brokerVersion
        + ", value="
        + value()
        + "]";
  }
}
