package life.suoke.ops.engine.state;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * Keys of entities grouped by something they share (the scope of an element instance, the name and
 * correlation key of a subscription, ...), each group in insertion order. Empty groups are dropped,
 * so the index never outgrows the live state.
 *
 * <p>Most groups are small (a waiting process instance has one or two children), and every waiting
 * instance keeps its groups for as long as it waits: a group of up to {@value #SMALL} keys is a
 * plain {@code long[]} (about a tenth of a linked hash set's bytes); a larger one becomes a linked
 * hash set, so that adding and removing stay constant time for groups of thousands (the children of
 * a large multi-instance body, the activatable jobs of a type).
 */
final class KeyIndex<G> {

  /** Groups up to this size are arrays. */
  static final int SMALL = 8;

  /** A group's keys: a {@code long[]} whose first element is the count, or a set. */
  private final Map<G, Object> groups = new HashMap<>();

  void add(G group, long key) {
    Object keys = groups.get(group);
    if (keys == null) {
      groups.put(group, new long[] {1, key, 0, 0});
    } else if (keys instanceof long[] small) {
      int size = (int) small[0];
      for (int i = 1; i <= size; i++) {
        if (small[i] == key) {
          return;
        }
      }
      if (size == SMALL) {
        LinkedHashSet<Long> large = new LinkedHashSet<>();
        for (int i = 1; i <= size; i++) {
          large.add(small[i]);
        }
        large.add(key);
        groups.put(group, large);
        return;
      }
      if (size + 1 == small.length) {
        small = Arrays.copyOf(small, Math.min(SMALL + 1, small.length * 2));
        groups.put(group, small);
      }
      small[size + 1] = key;
      small[0] = size + 1;
    } else {
      set(keys).add(key);
    }
  }

  void remove(G group, long key) {
    Object keys = groups.get(group);
    if (keys instanceof long[] small) {
      int size = (int) small[0];
      for (int i = 1; i <= size; i++) {
        if (small[i] == key) {
          System.arraycopy(small, i + 1, small, i, size - i);
          small[0] = size - 1;
          if (size == 1) {
            groups.remove(group);
          }
          return;
        }
      }
    } else if (keys != null && set(keys).remove(key) && set(keys).isEmpty()) {
      groups.remove(group);
    }
  }

  /** Every group with its keys, oldest first (for writing a snapshot). */
  void forEachGroup(java.util.function.BiConsumer<G, Collection<Long>> action) {
    for (G group : groups.keySet()) {
      action.accept(group, keys(group));
    }
  }

  int groupCount() {
    return groups.size();
  }

  void removeGroup(G group) {
    groups.remove(group);
  }

  boolean isEmpty(G group) {
    return !groups.containsKey(group);
  }

  /** A group's keys, oldest first; a view that must not be kept across changes of the index. */
  Collection<Long> keys(G group) {
    Object keys = groups.get(group);
    if (keys == null) {
      return List.of();
    }
    if (keys instanceof long[] small) {
      int size = (int) small[0];
      return new AbstractList<>() {
        @Override
        public Long get(int index) {
          if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
          }
          return small[index + 1];
        }

        @Override
        public int size() {
          return size;
        }
      };
    }
    return set(keys);
  }

  /** The entities of a group, oldest first, looked up by key. */
  <T> List<T> resolve(G group, LongFunction<T> lookup) {
    Collection<Long> keys = keys(group);
    List<T> result = new ArrayList<>(keys.size());
    for (long key : keys) {
      result.add(lookup.apply(key));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static LinkedHashSet<Long> set(Object keys) {
    return (LinkedHashSet<Long>) keys;
  }

  /**
   * Writes every group with its keys, in order: a group that is a key as a number, any other (a
   * composite of names) as a string.
   */
  void write(Out out) {
    out.i32(groupCount());
    forEachGroup(
        (group, keys) -> {
          if (group instanceof Long number) {
            out.i64(number);
          } else {
            out.str((String) group);
          }
          out.i32(keys.size());
          for (long key : keys) {
            out.i64(key);
          }
        });
  }

  /** Reads the groups of an index of keys grouped by key, written by {@link #write}. */
  static void readKeyGroups(KeyIndex<Long> index, In in) {
    for (int n = in.i32(); n > 0; n--) {
      long group = in.i64();
      for (int m = in.i32(); m > 0; m--) {
        index.add(group, in.i64());
      }
    }
  }

  /** Reads the groups of an index of keys grouped by a string, written by {@link #write}. */
  static void readStringGroups(KeyIndex<String> index, In in) {
    for (int n = in.i32(); n > 0; n--) {
      String group = in.str();
      for (int m = in.i32(); m > 0; m--) {
        index.add(group, in.i64());
      }
    }
  }
}
