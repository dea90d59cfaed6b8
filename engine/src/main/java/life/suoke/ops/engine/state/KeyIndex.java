package life.suoke.ops.engine.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Keys of entities grouped by something they share (the scope of an element instance, the name and
 * correlation key of a subscription, ...), each group in insertion order. Empty groups are dropped,
 * so the index never outgrows the live state.
 */
final class KeyIndex<G> {

  private final Map<G, LinkedHashSet<Long>> groups = new HashMap<>();

  void add(G group, long key) {
    groups.computeIfAbsent(group, g -> new LinkedHashSet<>()).add(key);
  }

  void remove(G group, long key) {
    Set<Long> keys = groups.get(group);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      groups.remove(group);
    }
  }

  void removeGroup(G group) {
    groups.remove(group);
  }

  boolean isEmpty(G group) {
    return !groups.containsKey(group);
  }

  Collection<Long> keys(G group) {
    Set<Long> keys = groups.get(group);
    return keys == null ? List.of() : keys;
  }

  /** The entities of a group, oldest first, looked up by key. */
  <T> List<T> resolve(G group, LongFunction<T> lookup) {
    Set<Long> keys = groups.get(group);
    if (keys == null) {
      return List.of();
    }
    List<T> result = new ArrayList<>(keys.size());
    for (long key : keys) {
      result.add(lookup.apply(key));
    }
    return result;
  }
}
