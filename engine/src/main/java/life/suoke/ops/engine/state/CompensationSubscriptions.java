package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;

/**
 * The compensation part of the state, changed only by EngineState's appliers: CREATED adds a
 * subscription, TRIGGERED replaces its value (throw event and handler instance), COMPLETED and
 * DELETED remove it.
 */
final class CompensationSubscriptions {

  final Map<Long, Map<Long, CompensationSubscription>> byProcessInstance = new LinkedHashMap<>();

  List<CompensationSubscription> of(long processInstanceKey) {
    Map<Long, CompensationSubscription> subscriptions = byProcessInstance.get(processInstanceKey);
    return subscriptions == null ? List.of() : new ArrayList<>(subscriptions.values());
  }

  void apply(Record record, Map<String, Object> v) {
    long processInstanceKey = lng(v, "processInstanceKey");
    switch (record.intent()) {
      case "CREATED", "TRIGGERED", "MIGRATED" ->
          byProcessInstance
              .computeIfAbsent(processInstanceKey, k -> new LinkedHashMap<>())
              .put(
                  record.key(), new CompensationSubscription(record.key(), new LinkedHashMap<>(v)));
      case "COMPLETED", "DELETED" -> {
        Map<Long, CompensationSubscription> subscriptions =
            byProcessInstance.get(processInstanceKey);
        if (subscriptions != null) {
          subscriptions.remove(record.key());
          if (subscriptions.isEmpty()) {
            byProcessInstance.remove(processInstanceKey);
          }
        }
      }
      default -> {}
    }
  }
}
