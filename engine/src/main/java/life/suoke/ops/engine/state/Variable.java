package life.suoke.ops.engine.state;

/**
 * A variable of a scope: its key, its name and its value as JSON text (as records carry it).
 *
 * <p>The state keeps only the text: every waiting instance holds its variables for as long as it
 * waits, and a parsed copy (maps, lists, boxed numbers) costs several times the text's bytes.
 * {@link #value()} parses on each call; scalars, most variables, take a short path.
 */
public record Variable(long key, String name, String json) {

  /**
   * The value as plain Java (Map, List, String, Number, Boolean or null), a fresh copy each time.
   */
  public Object value() {
    return JsonValues.read(json);
  }
}
