package life.suoke.ops.engine.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The open signal subscriptions, by signal name and by waiting element instance. Its public methods
 * only read; the appliers of SIGNAL_SUBSCRIPTION events change it.
 */
public final class SignalState {

  private final Map<Long, SignalSubscription> subscriptions = new HashMap<>();
  private final KeyIndex<String> byName = new KeyIndex<>();
  private final KeyIndex<Long> byElementInstance = new KeyIndex<>();

  private static String name(String tenantId, String signalName) {
    return tenantId + "\u0000" + signalName;
  }

  /** Open signal subscriptions for a signal name, oldest first. */
  public List<SignalSubscription> signalSubscriptions(String tenantId, String signalName) {
    return byName.resolve(name(tenantId, signalName), subscriptions::get);
  }

  public SignalSubscription signalSubscription(long key) {
    return subscriptions.get(key);
  }

  public List<SignalSubscription> signalSubscriptionsOf(long elementInstanceKey) {
    return byElementInstance.resolve(elementInstanceKey, subscriptions::get);
  }

  void add(SignalSubscription subscription) {
    subscriptions.put(subscription.key(), subscription);
    byName.add(name(subscription.tenantId(), subscription.signalName()), subscription.key());
    byElementInstance.add(subscription.elementInstanceKey(), subscription.key());
  }

  /**
   * A migrated subscription: the same signal and waiting element instance; only the process and
   * catch event change.
   */
  void replace(SignalSubscription migrated) {
    subscriptions.put(migrated.key(), migrated);
  }

  void remove(long key) {
    SignalSubscription subscription = subscriptions.remove(key);
    if (subscription != null) {
      byName.remove(name(subscription.tenantId(), subscription.signalName()), key);
      byElementInstance.remove(subscription.elementInstanceKey(), key);
    }
  }

  void write(Out out) {
    out.i32(subscriptions.size());
    for (SignalSubscription s : subscriptions.values()) {
      out.i64(s.key());
      out.i64(s.elementInstanceKey());
      out.i64(s.processInstanceKey());
      out.i64(s.processDefinitionKey());
      out.sym(s.bpmnProcessId());
      out.sym(s.elementId());
      out.sym(s.signalName());
      out.bool(s.interrupting());
      out.sym(s.tenantId());
    }
    byName.write(out);
    byElementInstance.write(out);
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      SignalSubscription s =
          new SignalSubscription(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.sym(), in.bool(),
              in.sym());
      subscriptions.put(s.key(), s);
    }
    KeyIndex.readStringGroups(byName, in);
    KeyIndex.readKeyGroups(byElementInstance, in);
  }
}
