package life.suoke.ops.engine.state;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The scheduled timers, in due order and by the element instance that waits for them. Its public
 * methods only read; the appliers of TIMER events change it.
 */
public final class TimerState {

  private final Map<Long, TimerInstance> timers = new HashMap<>();
  private final Schedule dueDates = new Schedule();
  private final KeyIndex<Long> byElementInstance = new KeyIndex<>();

  public TimerInstance timer(long key) {
    return timers.get(key);
  }

  public Collection<TimerInstance> timers() {
    return Collections.unmodifiableCollection(timers.values());
  }

  /**
   * Timers waited on by an element instance (intermediate timer event, or boundary timers of an
   * activity).
   */
  public List<TimerInstance> timersOf(long elementInstanceKey) {
    return byElementInstance.resolve(elementInstanceKey, timers::get);
  }

  /** Earliest due date of a timer, or Long.MAX_VALUE. */
  public long nextTimerDueDate() {
    return dueDates.next();
  }

  /** Up to {@code limit} timers due at the given instant, in due order (then creation order). */
  public List<TimerInstance> timersDueAt(long now, int limit) {
    return dueDates.due(now, limit).stream().map(timers::get).toList();
  }

  void add(TimerInstance timer) {
    timers.put(timer.key(), timer);
    dueDates.add(timer.dueDate(), timer.key());
    byElementInstance.add(timer.elementInstanceKey(), timer.key());
  }

  /**
   * A migrated timer: the same key, due date and waiting element instance, for the target's catch
   * event.
   */
  void replace(TimerInstance migrated) {
    timers.put(migrated.key(), migrated);
  }

  /** The timer was triggered or canceled. */
  void remove(long key) {
    TimerInstance timer = timers.remove(key);
    if (timer != null) {
      dueDates.remove(timer.dueDate(), key);
      byElementInstance.remove(timer.elementInstanceKey(), key);
    }
  }

  void write(Out out) {
    out.i32(timers.size());
    for (TimerInstance t : timers.values()) {
      out.i64(t.key());
      out.i64(t.elementInstanceKey());
      out.i64(t.processInstanceKey());
      out.i64(t.processDefinitionKey());
      out.sym(t.bpmnProcessId());
      out.sym(t.targetElementId());
      out.i64(t.dueDate());
      out.i32(t.repetitions());
      out.sym(t.tenantId());
    }
    dueDates.write(out);
    byElementInstance.write(out);
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      TimerInstance t =
          new TimerInstance(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.i64(), in.i32(),
              in.sym());
      timers.put(t.key(), t);
    }
    dueDates.read(in);
    KeyIndex.readKeyGroups(byElementInstance, in);
  }
}
