package life.suoke.ops.engine.log;

/**
 * A batch's rows in PostgreSQL's binary {@code COPY} format ({@link BinaryCopy}), in the column
 * order of the log's tables: four {@code int8}, six texts (NULL where absent), the {@code int2}
 * data format and the {@code bytea} data. Writing rows this way spares PostgreSQL the parsing of
 * one array per column and lets it insert a page of rows at a time (one write-ahead record per page
 * of the heap instead of one per row).
 */
final class CopyRows {

  private static final int FIELDS = 12;

  private CopyRows() {}

  /** The rows with {@code dataFormat} in their {@code data_format} column. */
  static byte[] encode(LogRows rows, short dataFormat) {
    int n = rows.size();
    int capacity = 21;
    for (byte[] d : rows.data()) {
      capacity += d.length + 160;
    }
    BinaryCopy out = new BinaryCopy(capacity);
    for (int i = 0; i < n; i++) {
      out.row(FIELDS);
      out.int8(rows.positions()[i]);
      out.int8(rows.sources()[i]);
      out.int8(rows.keys()[i]);
      out.int8(rows.timestamps()[i]);
      out.text(rows.recordTypes()[i]);
      out.text(rows.valueTypes()[i]);
      out.text(rows.intents()[i]);
      out.text(rows.rejectionTypes()[i]);
      out.text(rows.rejectionReasons()[i]);
      out.text(rows.brokerVersions()[i]);
      out.int2(dataFormat);
      out.bytea(rows.data()[i]);
    }
    return out.finish();
  }
}
