package life.suoke.ops.engine.log;

import life.suoke.ops.engine.record.Record;

/**
 * A batch's rows as the log's table holds them: the envelope's columns and each value's JSON
 * ({@link RecordJson#valueToBytes}), one array per column, index {@code i} being the batch's {@code
 * i}-th record. Built once per batch by {@link RecordLog#append}, bound as they are by the insert
 * or encoded for the {@code COPY} ({@link CopyRows}), and kept by {@link RecentBatches} after the
 * commit.
 */
record LogRows(
    long[] positions,
    long[] sources,
    long[] keys,
    long[] timestamps,
    String[] recordTypes,
    String[] valueTypes,
    String[] intents,
    String[] rejectionTypes,
    String[] rejectionReasons,
    String[] brokerVersions,
    byte[][] data) {

  int size() {
    return positions.length;
  }

  /** The {@code i}-th record, decoded as a read of the table decodes its row. */
  Record record(int i) {
    return RecordJson.fromColumns(
        positions[i],
        sources[i],
        keys[i],
        timestamps[i],
        recordTypes[i],
        valueTypes[i],
        intents[i],
        rejectionTypes[i],
        rejectionReasons[i],
        brokerVersions[i],
        data[i]);
  }
}
