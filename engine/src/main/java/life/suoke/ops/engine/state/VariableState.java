package life.suoke.ops.engine.state;

import java.util.HashMap;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * The variables of each scope (an element instance key), in the order they were created. Its public
 * methods only read; the appliers of VARIABLE events change it, and a scope's variables go with its
 * element instance.
 */
public final class VariableState {

  private final Map<Long, ScopeVariables> variables = new HashMap<>();

  /** The variables defined in a scope itself, by name, in creation order. */
  public Map<String, Variable> localVariables(long scopeKey) {
    ScopeVariables local = variables.get(scopeKey);
    return local == null ? Map.of() : local;
  }

  /** Creates a variable in a scope, or replaces the value of the one with its name. */
  void set(long scopeKey, Variable variable) {
    variables.computeIfAbsent(scopeKey, k -> new ScopeVariables()).set(variable);
  }

  /** The scope ended. */
  void removeScope(long scopeKey) {
    variables.remove(scopeKey);
  }

  void write(Out out) {
    out.i32(variables.size());
    variables.forEach(
        (scope, vars) -> {
          out.i64(scope);
          out.i32(vars.size());
          for (Variable v : vars.values()) {
            out.i64(v.key());
            out.sym(v.name());
            out.str(v.json());
          }
        });
  }

  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      long scope = in.i64();
      ScopeVariables vars = new ScopeVariables();
      for (int m = in.i32(); m > 0; m--) {
        vars.set(new Variable(in.i64(), in.sym(), in.str()));
      }
      variables.put(scope, vars);
    }
  }
}
