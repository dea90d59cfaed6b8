package life.suoke.ops.workers.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The ledger's rules in memory, for tests of the notifier (the backend's is in PostgreSQL). */
public final class InMemoryNotificationLedger implements NotificationLedger {

  /** What is kept of a key. */
  public record Row(Entry entry, State state, String channel, int attempts, Instant updated) {}

  private final Clock clock;
  private final Map<String, Row> rows = new HashMap<>();

  public InMemoryNotificationLedger(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Claim claim(Entry entry, Duration claimTimeout) {
    Instant now = clock.instant();
    Row row = rows.get(entry.key());
    if (row == null) {
      rows.put(entry.key(), new Row(entry, State.CLAIMED, null, 1, now));
      return Claim.GRANTED;
    }
    if (row.state() == State.SENT) {
      return Claim.sent(row.channel());
    }
    if (row.state() == State.CLAIMED && !row.updated().isBefore(now.minus(claimTimeout))) {
      return Claim.BUSY;
    }
    rows.put(entry.key(), new Row(row.entry(), State.CLAIMED, null, row.attempts() + 1, now));
    return Claim.GRANTED;
  }

  @Override
  public synchronized void sent(String key, String channel) {
    Row row = rows.get(key);
    if (row != null && row.state() != State.SENT) {
      rows.put(key, new Row(row.entry(), State.SENT, channel, row.attempts(), clock.instant()));
    }
  }

  @Override
  public synchronized void failed(String key) {
    Row row = rows.get(key);
    if (row != null && row.state() == State.CLAIMED) {
      rows.put(key, new Row(row.entry(), State.FAILED, null, row.attempts(), clock.instant()));
    }
  }

  public synchronized Row row(String key) {
    return rows.get(key);
  }
}
