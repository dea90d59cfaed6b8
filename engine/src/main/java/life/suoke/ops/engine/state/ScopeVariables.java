package life.suoke.ops.engine.state;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The variables of one scope, in the order they were created, as a read-only map from name to
 * {@link Variable}. Kept as three parallel arrays (names, keys, JSON texts) rather than a hash map
 * of variable objects: a waiting instance holds its scopes' variables for as long as it waits, and
 * a linked hash map costs about four times the bytes for the few variables a scope usually has.
 * Scopes with many variables get a name index, so that a lookup stays constant time.
 */
final class ScopeVariables extends AbstractMap<String, Variable> {

  /** Above this many variables, names are found through an index instead of a scan. */
  static final int INDEX_ABOVE = 16;

  private String[] names = new String[4];
  private long[] keys = new long[4];
  private String[] jsons = new String[4];
  private int size;
  private Map<String, Integer> index;

  /**
   * Creates the variable, or replaces the value of the one with its name (which keeps its place).
   */
  void set(Variable variable) {
    int at = indexOf(variable.name());
    if (at < 0) {
      if (size == names.length) {
        int capacity = size + (size >> 1) + 1;
        names = Arrays.copyOf(names, capacity);
        keys = Arrays.copyOf(keys, capacity);
        jsons = Arrays.copyOf(jsons, capacity);
      }
      at = size++;
      names[at] = variable.name();
      if (index != null) {
        index.put(variable.name(), at);
      } else if (size > INDEX_ABOVE) {
        index = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
          index.put(names[i], i);
        }
      }
    }
    keys[at] = variable.key();
    jsons[at] = variable.json();
  }

  private int indexOf(Object name) {
    if (index != null) {
      Integer at = index.get(name);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private Variable at(int i) {
    return new Variable(keys[i], names[i], jsons[i]);
  }

  @Override
  public Variable get(Object name) {
    int at = indexOf(name);
    return at < 0 ? null : at(at);
  }

  @Override
  public boolean containsKey(Object name) {
    return indexOf(name) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<Entry<String, Variable>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Variable>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Variable> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            Variable variable = at(next++);
            return new SimpleImmutableEntry<>(variable.name(), variable);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }
}
