package life.suoke.ops.engine.log;

/**
 * When the log's recent batches were committed: for each batch its first and last position and the
 * {@link System#nanoTime()} of its commit, in a ring of the latest {@value #CAPACITY} batches. It
 * answers "when was the record at this position committed?", which tells how far behind an exporter
 * is in time. Records committed before this process started, or in batches pushed out of the ring,
 * have no known commit time. Readers that found nothing new wait here for the next commit ({@link
 * #awaitCommittedAbove}).
 */
public final class CommitTimes {

  static final int CAPACITY = 1 << 16;

  private final long[] firstPositions = new long[CAPACITY];
  private final long[] lastPositions = new long[CAPACITY];
  private final long[] nanos = new long[CAPACITY];

  /** Number of batches ever noted; the newest is at {@code (noted - 1) % CAPACITY}. */
  private long noted;

  /** Notes that the batch of positions {@code first..last} was committed at {@code commitNanos}. */
  public synchronized void committed(long first, long last, long commitNanos) {
    int slot = slot(noted);
    firstPositions[slot] = first;
    lastPositions[slot] = last;
    nanos[slot] = commitNanos;
    noted++;
    notifyAll();
  }

  /**
   * Waits until a batch with a position above {@code position} has been noted, or the timeout has
   * passed; returns at once if one already has. Lets a reader that found nothing new wake with the
   * next commit rather than poll.
   *
   * @return whether such a batch was noted
   */
  public synchronized boolean awaitCommittedAbove(long position, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (lastCommitted() <= position) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    return true;
  }

  /** The last position of the newest batch noted, or {@code -1} before the first. */
  public synchronized long lastCommitted() {
    return noted == 0 ? -1 : lastPositions[slot(noted - 1)];
  }

  /**
   * The commit time ({@link System#nanoTime()}) of the batch that holds {@code position} (of the
   * next batch when no record has that position), or {@code -1} when it is not known: not yet
   * committed, committed before this process started, or too many batches ago.
   */
  public synchronized long committedAt(long position) {
    long oldest = Math.max(0, noted - CAPACITY);
    long lo = oldest;
    long hi = noted - 1;
    if (hi < lo || lastPositions[slot(hi)] < position) {
      return -1;
    }
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (lastPositions[slot(mid)] < position) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // A position between two batches (not taken by any record) belongs to the later one; below the
    // oldest remembered batch, nothing is known.
    return lo == oldest && firstPositions[slot(lo)] > position ? -1 : nanos[slot(lo)];
  }

  private static int slot(long index) {
    return (int) (index % CAPACITY);
  }
}
