package life.suoke.ops.engine.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/**
 * The records of one test engine's log, read incrementally: each read asks the log only for the
 * records after the last position seen, so polling assertions stay cheap however long the log
 * grows. The records read so far are kept (a test's log is small) and folded into the history the
 * assertions check.
 *
 * <p>Every method first catches up with the log. The log holds only committed records, and the
 * engine answers a command only after its records are committed, so once a client call returns, the
 * stream sees what the call did. Thread safe.
 */
public final class RecordStream {

  private static final int PAGE_SIZE = 1000;

  private final RecordLog log;
  private final List<Record> records = new ArrayList<>();
  private final History history = new History();
  private long position;

  RecordStream(RecordLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Reads the records appended since the last read; returns this stream. */
  public synchronized RecordStream update() {
    while (true) {
      List<Record> page = log.read(position, PAGE_SIZE);
      for (Record r : page) {
        records.add(r);
        history.apply(r);
        position = r.position();
      }
      if (page.size() < PAGE_SIZE) {
        return this;
      }
    }
  }

  /** The position of the last record read. */
  public synchronized long position() {
    return position;
  }

  /** Every record in the log so far, in log order (commands, events and rejections). */
  public synchronized List<Record> records() {
    update();
    return Collections.unmodifiableList(new ArrayList<>(records));
  }

  /** The records of one value type, in log order. */
  public synchronized List<Record> records(ValueType valueType) {
    update();
    List<Record> result = new ArrayList<>();
    for (Record r : records) {
      if (r.valueType() == valueType) {
        result.add(r);
      }
    }
    return result;
  }

  /** The records whose value names this process instance, in log order. */
  public synchronized List<Record> processInstanceRecords(long processInstanceKey) {
    update();
    List<Record> result = new ArrayList<>();
    for (Record r : records) {
      Map<String, Object> value = r.value();
      Object key = value == null ? null : value.get("processInstanceKey");
      if (key instanceof Number n && n.longValue() == processInstanceKey) {
        result.add(r);
      }
    }
    return result;
  }

  /** Every user task the log shows, as it is now, oldest first. */
  public synchronized List<UserTaskSnapshot> userTasks() {
    update();
    return List.copyOf(history.userTasks());
  }

  /** The user task the selector picks (the one created last if several match), or null. */
  public synchronized UserTaskSnapshot userTask(UserTaskSelector selector) {
    update();
    return history.userTask(selector);
  }

  /** Catches up with the log, then reads the history. */
  synchronized <T> T query(Function<History, T> query) {
    update();
    return query.apply(history);
  }
}
