package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * Keys of entities that are due at an instant (an activated job's deadline, a back-off's end, a
 * timer's due date, a buffered message's deadline), earliest first, then by key.
 */
final class Schedule {

  private static final Comparator<long[]> TIME_THEN_KEY =
      Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]);

  private final TreeSet<long[]> entries = new TreeSet<>(TIME_THEN_KEY);

  void add(long time, long key) {
    entries.add(new long[] {time, key});
  }

  void remove(long time, long key) {
    entries.remove(new long[] {time, key});
  }

  /** The earliest instant, or Long.MAX_VALUE if nothing is scheduled. */
  long next() {
    return entries.isEmpty() ? Long.MAX_VALUE : entries.first()[0];
  }

  /** Up to {@code limit} keys due at the given instant, earliest first. */
  List<Long> due(long now, int limit) {
    List<Long> keys = new ArrayList<>();
    for (long[] entry : entries) {
      if (entry[0] > now || keys.size() >= limit) {
        break;
      }
      keys.add(entry[1]);
    }
    return keys;
  }

  void write(Out out) {
    out.i32(entries.size());
    for (long[] entry : entries) {
      out.i64(entry[0]);
      out.i64(entry[1]);
    }
  }

  void read(In in) {
    List<long[]> read = new ArrayList<>();
    for (int n = in.i32(); n > 0; n--) {
      read.add(new long[] {in.i64(), in.i64()});
    }
    entries.addAll(read);
  }
}
