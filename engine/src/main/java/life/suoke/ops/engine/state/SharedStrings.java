package life.suoke.ops.engine.state;

import java.util.List;

/**
 * One copy of a string that many waiting instances hold (ids, names, tenants, groups): each record
 * brings its own copy, and the state keeps them for as long as the instances wait.
 */
final class SharedStrings {

  private SharedStrings() {}

  static String shared(String value) {
    return value == null ? null : value.intern();
  }

  static List<String> shared(List<String> values) {
    return List.of(values.stream().map(SharedStrings::shared).toArray(String[]::new));
  }

  /** The one empty string for a field that is usually empty and otherwise unique (a due date). */
  static String emptyShared(String value) {
    return value != null && value.isEmpty() ? "" : value;
  }
}
