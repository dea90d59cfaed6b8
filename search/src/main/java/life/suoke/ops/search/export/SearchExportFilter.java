package life.suoke.ops.search.export;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.ValueType;

/**
 * Which records the search exporter indexes, with the defaults of Zeebe's Elasticsearch exporter
 * ({@code index.command: false}, {@code index.event: true}, {@code index.rejection: false}, and
 * every value type but the batch and internal ones: {@code jobBatch}, {@code processEvent}, and the
 * types that exporter has no switch for, here {@code PROCESS_INSTANCE_RESULT} and {@code CLOCK}).
 * Queries written for a Zeebe cluster with the exporter's defaults find the same documents here;
 * commands and rejections, about as many records as the events, are left out of search unless asked
 * for.
 *
 * @param command index commands
 * @param event index events
 * @param rejection index command rejections
 * @param valueTypes the value types indexed
 */
public record SearchExportFilter(
    boolean command, boolean event, boolean rejection, Set<ValueType> valueTypes) {

  /** The value types Zeebe's Elasticsearch exporter leaves out by default. */
  public static final Set<ValueType> NOT_INDEXED_BY_DEFAULT =
      EnumSet.of(
          ValueType.JOB_BATCH,
          ValueType.PROCESS_EVENT,
          ValueType.PROCESS_INSTANCE_RESULT,
          ValueType.CLOCK);

  public SearchExportFilter {
    valueTypes =
        valueTypes.isEmpty() ? EnumSet.noneOf(ValueType.class) : EnumSet.copyOf(valueTypes);
  }

  /** Zeebe's Elasticsearch exporter's defaults. */
  public static SearchExportFilter zeebeDefaults() {
    return new SearchExportFilter(false, true, false, defaultValueTypes());
  }

  /** Every record of the log, commands and rejections too. */
  public static SearchExportFilter everything() {
    return new SearchExportFilter(true, true, true, EnumSet.allOf(ValueType.class));
  }

  /** The value types indexed by default. */
  public static Set<ValueType> defaultValueTypes() {
    return EnumSet.complementOf(EnumSet.copyOf((Collection<ValueType>) NOT_INDEXED_BY_DEFAULT));
  }

  /** Whether {@code record} is indexed. */
  public boolean accepts(Record record) {
    return accepts(record.recordType(), record.valueType());
  }

  /** Whether records of this kind are indexed. */
  public boolean accepts(RecordType recordType, ValueType valueType) {
    return switch (recordType) {
          case COMMAND -> command;
          case EVENT -> event;
          case COMMAND_REJECTION -> rejection;
        }
        && valueTypes.contains(valueType);
  }
}
