package life.suoke.ops.engine.state;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import javax.sql.DataSource;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.log.StoredSnapshot;
import life.suoke.ops.engine.model.BpmnTransformer;
import life.suoke.ops.engine.model.ExecutableElement;
import life.suoke.ops.engine.model.ExecutableProcess;

/**
 * Compares two engine states field by field, by reflection, so that a field added to the state is
 * compared without anyone remembering to: every field of every state object, down to plain values.
 * Executable processes and elements are compared by id (a loaded state transforms them again); maps
 * and sets by content (in order where their order is kept), indexes by their groups, and numbers by
 * value (an {@code Integer} written by a processor and the {@code Long} read back from JSON are the
 * same number).
 */
public final class StateComparison {

  private StateComparison() {}

  /**
   * Checks the engine's stored state: the newest snapshot in the log of {@code dataSource} (schema
   * {@code engine}) must be at the log's last position and equal, field by field, the state a
   * replay of the whole log builds. Throws AssertionError naming the first difference.
   */
  public static void assertSnapshotMatchesReplay(DataSource dataSource) {
    try (RecordLog log = new RecordLog(dataSource)) {
      assertRecoveredStateMatchesReplay(log, true);
    }
  }

  /**
   * Checks what a start would rebuild: the newest snapshot of the log with the records after it
   * replayed must equal, field by field, the state a replay of the whole log builds; with {@code
   * atEnd}, the snapshot must also be at the log's last position. Returns the snapshot's position.
   */
  public static long assertRecoveredStateMatchesReplay(RecordLog log, boolean atEnd) {
    StoredSnapshot snapshot =
        log.latestSnapshot().orElseThrow(() -> new AssertionError("the engine wrote no snapshot"));
    if (atEnd && snapshot.position() != log.lastPosition()) {
      throw new AssertionError(
          "the snapshot at shutdown is at position "
              + snapshot.position()
              + ", the log ends at "
              + log.lastPosition());
    }
    BpmnTransformer transformer = new BpmnTransformer();
    EngineState recovered =
        StateSnapshot.read(snapshot.data(), transformer::transform, new EngineClock(() -> 0));
    log.replay(snapshot.position(), recovered::apply);
    EngineState replayed = new EngineState(transformer::transform, new EngineClock(() -> 0));
    log.replay(0, replayed::apply);
    assertSame(replayed, recovered);
    return snapshot.position();
  }

  /** Throws AssertionError naming the first field where the states differ. */
  public static void assertSame(EngineState expected, EngineState actual) {
    List<String> differences = new ArrayList<>();
    new StateComparison.Walk(differences).compare("state", expected, actual);
    if (!differences.isEmpty()) {
      throw new AssertionError(
          differences.size()
              + " difference(s) between the states, the first ones:\n  "
              + String.join("\n  ", differences.subList(0, Math.min(10, differences.size()))));
    }
  }

  private static final class Walk {
    private final List<String> differences;
    private final Map<Object, Object> seen = new IdentityHashMap<>();

    Walk(List<String> differences) {
      this.differences = differences;
    }

    void compare(String path, Object a, Object b) {
      if (differences.size() >= 10) {
        return;
      }
      if (a == b) {
        return;
      }
      if (a == null || b == null) {
        differ(path, a, b);
        return;
      }
      if (a instanceof Number x && b instanceof Number y) {
        if (new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) != 0) {
          differ(path, a, b);
        }
        return;
      }
      if (a instanceof String
          || a instanceof Boolean
          || a instanceof Enum<?>
          || a instanceof Character) {
        if (!a.equals(b)) {
          differ(path, a, b);
        }
        return;
      }
      if (a instanceof ExecutableProcess x && b instanceof ExecutableProcess y) {
        compare(path + ".bpmnProcessId", x.bpmnProcessId(), y.bpmnProcessId());
        return;
      }
      if (a instanceof ExecutableElement x && b instanceof ExecutableElement y) {
        compare(path + ".id", x.id(), y.id());
        compare(path + ".type", x.type(), y.type());
        return;
      }
      if (a instanceof EngineClock x && b instanceof EngineClock y) {
        compare(path + ".pinned", x.isPinned(), y.isPinned());
        if (x.isPinned() && y.isPinned()) {
          compare(path + ".time", x.getAsLong(), y.getAsLong());
        }
        return;
      }
      if (a instanceof KeyIndex<?> x && b instanceof KeyIndex<?> y) {
        compare(path, groups(x), groups(y));
        return;
      }
      if (a instanceof BatchOperation x && b instanceof BatchOperation y) {
        compareFields(path, a, b, Set.of("itemKeys", "processInstanceKeys"));
        compare(path + ".heldItems", x.heldItems(), y.heldItems());
        for (int i = 0; i < Math.min(x.heldItems(), y.heldItems()); i++) {
          compare(path + ".item[" + i + "]", x.itemKey(i), y.itemKey(i));
          compare(
              path + ".itemInstance[" + i + "]", x.processInstanceKey(i), y.processInstanceKey(i));
        }
        return;
      }
      if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
        compareMaps(path, x, y);
        return;
      }
      if (a instanceof Collection<?> x && b instanceof Collection<?> y) {
        compareCollections(path, x, y);
        return;
      }
      if (a.getClass().isArray() && b.getClass().isArray()) {
        int n = java.lang.reflect.Array.getLength(a);
        compare(path + ".length", n, java.lang.reflect.Array.getLength(b));
        for (int i = 0; i < Math.min(n, java.lang.reflect.Array.getLength(b)); i++) {
          compare(
              path + "[" + i + "]",
              java.lang.reflect.Array.get(a, i),
              java.lang.reflect.Array.get(b, i));
        }
        return;
      }
      if (a.getClass() != b.getClass()) {
        differ(path + " (type)", a.getClass().getName(), b.getClass().getName());
        return;
      }
      if (!a.getClass().getPackageName().startsWith("life.suoke.ops.engine")) {
        throw new IllegalStateException(
            "no rule to compare " + a.getClass().getName() + " at " + path);
      }
      if (seen.put(a, b) != null) {
        return;
      }
      compareFields(path, a, b, Set.of());
    }

    private void compareFields(String path, Object a, Object b, Set<String> skipped) {
      for (Class<?> c = a.getClass(); c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (Modifier.isStatic(f.getModifiers())
              || f.isSynthetic()
              || skipped.contains(f.getName())
              || f.getName().equals("transformer")) {
            continue;
          }
          f.setAccessible(true);
          try {
            compare(path + "." + f.getName(), f.get(a), f.get(b));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }

    private void compareMaps(String path, Map<?, ?> a, Map<?, ?> b) {
      compare(path + ".size", a.size(), b.size());
      if (ordered(a) && ordered(b)) {
        compare(path + ".keys", new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()));
      }
      for (Map.Entry<?, ?> e : a.entrySet()) {
        Object key = e.getKey();
        Object other = find(b, key);
        if (other == MISSING) {
          differ(path + "[" + key + "]", e.getValue(), "(absent)");
        } else {
          compare(path + "[" + key + "]", e.getValue(), other);
        }
      }
    }

    private static final Object MISSING = new Object();

    /** The value of the key in the map, matching numbers by value. */
    private static Object find(Map<?, ?> map, Object key) {
      if (map.containsKey(key)) {
        return map.get(key);
      }
      if (key instanceof Number n) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (e.getKey() instanceof Number m && m.longValue() == n.longValue()) {
            return e.getValue();
          }
        }
      }
      return MISSING;
    }

    private void compareCollections(String path, Collection<?> a, Collection<?> b) {
      compare(path + ".size", a.size(), b.size());
      if (a instanceof Set<?> && !(ordered(a) && ordered(b))) {
        for (Object item : a) {
          if (!(b.contains(item) || containsNumber(b, item))) {
            differ(path + " (member)", item, "(absent)");
          }
        }
        return;
      }
      Iterator<?> x = a.iterator();
      Iterator<?> y = b.iterator();
      for (int i = 0; x.hasNext() && y.hasNext(); i++) {
        compare(path + "[" + i + "]", x.next(), y.next());
      }
    }

    private static boolean containsNumber(Collection<?> c, Object item) {
      return item instanceof Number n
          && c.stream().anyMatch(o -> o instanceof Number m && m.longValue() == n.longValue());
    }

    private static boolean ordered(Object container) {
      return container instanceof LinkedHashMap<?, ?>
          || container instanceof LinkedHashSet<?>
          || container instanceof SortedMap<?, ?>
          || container instanceof SortedSet<?>
          || container instanceof List<?>;
    }

    private void differ(String path, Object a, Object b) {
      differences.add(path + ": expected " + a + " but was " + b);
    }
  }

  private static <G> Map<Object, List<Long>> groups(KeyIndex<G> index) {
    Map<Object, List<Long>> groups =
        new TreeMap<>((p, q) -> String.valueOf(p).compareTo(String.valueOf(q)));
    index.forEachGroup((group, keys) -> groups.put(group, new ArrayList<>(keys)));
    return groups;
  }
}
