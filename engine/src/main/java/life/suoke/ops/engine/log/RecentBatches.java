package life.suoke.ops.engine.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import life.suoke.ops.engine.record.Record;

/**
 * The log's newest committed batches as they were written (the rows' columns and value bytes), so
 * that the exporters, which follow the log closely, read them from memory instead of asking
 * PostgreSQL for what was just inserted. A record comes back decoded from the same bytes the table
 * holds, by the same decoder a read of the table uses ({@link RecordJson#fromColumns}): the two
 * reads give equal records. Each record is decoded once, by the first exporter that reads it, and
 * shared with the others: readers must not change a record's value.
 *
 * <p>It holds every record above {@link #coveredAfter} up to the last one noted, and at most about
 * {@link #maxRecords} of them (the oldest batches go first). It only knows what this writer
 * committed: a batch whose commit outcome is unknown empties it ({@link #clear}), and a reader
 * asking for records from before it is served by the table. Thread safe.
 */
final class RecentBatches {

  /**
   * One committed batch: its rows as written, its records once decoded, and the records the engine
   * wrote (null when not given).
   */
  record Batch(long after, LogRows rows, AtomicReferenceArray<Record> decoded, Record[] written) {

    Batch(long after, LogRows rows) {
      this(after, rows, new AtomicReferenceArray<>(rows.size()), null);
    }

    Batch(long after, LogRows rows, List<Record> written) {
      this(after, rows, new AtomicReferenceArray<>(rows.size()), written.toArray(new Record[0]));
    }

    long[] positions() {
      return rows.positions();
    }

    long last() {
      return rows.positions()[rows.size() - 1];
    }

    /** The record at {@code i}, decoded by its first reader and then shared with the others. */
    Record record(int i) {
      Record r = decoded.get(i);
      if (r == null) {
        r = rows.record(i);
        decoded.lazySet(i, r);
      }
      return r;
    }
  }

  private final int maxRecords;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private int records;

  RecentBatches(int maxRecords) {
    if (maxRecords < 0) {
      throw new IllegalArgumentException("maxRecords must not be negative: " + maxRecords);
    }
    this.maxRecords = maxRecords;
  }

  /**
   * Notes a committed batch. {@code batch.after()} is the log's last position before it: a batch
   * that does not follow the last one noted starts the memory afresh.
   */
  synchronized void committed(Batch batch) {
    if (maxRecords == 0) {
      return;
    }
    if (!batches.isEmpty() && batches.peekLast().last() != batch.after()) {
      clear();
    }
    batches.addLast(batch);
    records += batch.positions().length;
    while (records > maxRecords && batches.size() > 1) {
      records -= batches.removeFirst().positions().length;
    }
  }

  /** Forgets everything (after a commit whose outcome is unknown, or at close). */
  synchronized void clear() {
    batches.clear();
    records = 0;
  }

  /**
   * Up to {@code maxRecords} records above the position, in order, or null when the memory does not
   * hold every record above it (the caller reads the table then). An empty list means the log has
   * nothing above it, as far as this writer committed.
   */
  List<Record> read(long fromPositionExclusive, int maxRecords) {
    return read(fromPositionExclusive, maxRecords, false);
  }

  /**
   * As {@link #read}, but the records as the engine wrote them where the batch has them ({@link
   * LogStorage#readWritten}).
   */
  List<Record> readWritten(long fromPositionExclusive, int maxRecords) {
    return read(fromPositionExclusive, maxRecords, true);
  }

  private List<Record> read(long fromPositionExclusive, int maxRecords, boolean written) {
    List<Batch> holding = new ArrayList<>();
    synchronized (this) {
      if (batches.isEmpty() || fromPositionExclusive < batches.peekFirst().after()) {
        return null;
      }
      // From the newest back to the first batch with records above the position.
      for (Iterator<Batch> it = batches.descendingIterator(); it.hasNext(); ) {
        Batch b = it.next();
        if (b.last() <= fromPositionExclusive) {
          break;
        }
        holding.add(b);
      }
    }
    Collections.reverse(holding);
    // Decoded outside the lock: the batches are never changed once noted.
    List<Record> page = new ArrayList<>(Math.min(maxRecords, 1024));
    for (Batch b : holding) {
      if (page.size() >= maxRecords) {
        break;
      }
      for (int i = 0; i < b.positions().length && page.size() < maxRecords; i++) {
        if (b.positions()[i] > fromPositionExclusive) {
          page.add(written && b.written() != null ? b.written()[i] : b.record(i));
        }
      }
    }
    return page;
  }
}
