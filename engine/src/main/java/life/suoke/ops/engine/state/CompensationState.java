package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The compensation subscriptions of each process instance, in creation order. Its public methods
 * only read; the appliers of COMPENSATION_SUBSCRIPTION events change it: CREATED adds a
 * subscription, TRIGGERED and MIGRATED replace its value (a triggered one names its throw event and
 * handler instance), COMPLETED and DELETED remove it.
 */
public final class CompensationState {

  private final Map<Long, Map<Long, CompensationSubscription>> byProcessInstance =
      new LinkedHashMap<>();

  /**
   * The compensation subscriptions of a process instance that are not completed, in creation order.
   */
  public List<CompensationSubscription> compensationSubscriptions(long processInstanceKey) {
    Map<Long, CompensationSubscription> subscriptions = byProcessInstance.get(processInstanceKey);
    return subscriptions == null ? List.of() : new ArrayList<>(subscriptions.values());
  }

  /** A subscription is created, or its value replaced (in its place). */
  void put(long processInstanceKey, CompensationSubscription subscription) {
    byProcessInstance
        .computeIfAbsent(processInstanceKey, k -> new LinkedHashMap<>())
        .put(subscription.key(), subscription);
  }

  void remove(long processInstanceKey, long key) {
    Map<Long, CompensationSubscription> subscriptions = byProcessInstance.get(processInstanceKey);
    if (subscriptions != null) {
      subscriptions.remove(key);
      if (subscriptions.isEmpty()) {
        byProcessInstance.remove(processInstanceKey);
      }
    }
  }

  void write(Out out) {
    out.i32(byProcessInstance.size());
    byProcessInstance.forEach(
        (processInstanceKey, subscriptions) -> {
          out.i64(processInstanceKey);
          out.i32(subscriptions.size());
          for (CompensationSubscription s : subscriptions.values()) {
            out.i64(s.key());
            out.value(s.value().toJson());
          }
        });
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      long processInstanceKey = in.i64();
      Map<Long, CompensationSubscription> subscriptions = new LinkedHashMap<>();
      for (int m = in.i32(); m > 0; m--) {
        long key = in.i64();
        subscriptions.put(
            key,
            new CompensationSubscription(key, CompensationSubscriptionValue.of(in.mapValue())));
      }
      byProcessInstance.put(processInstanceKey, subscriptions);
    }
  }
}
