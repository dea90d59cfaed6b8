package life.suoke.ops.engine.feel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import life.suoke.ops.engine.model.Mapping;

/**
 * Applies {@code zeebe:ioMapping} input and output mappings, as pure functions of the variables
 * they read; the engine writes the produced variables where they belong.
 *
 * <p>The rules (Camunda 8 docs, "Variables" concept page, section "Input/output variable
 * mappings"):
 *
 * <ul>
 *   <li>Mappings are evaluated one by one in the order they are modelled, so a mapping's source can
 *       use the target of an earlier mapping. A source is a FEEL expression ({@code =...}) or
 *       static text (a string); a missing source gives {@code null}. A missing variable gives
 *       {@code null} (FEEL is null-friendly); only a real FEEL failure fails the mapping, and then
 *       no variable is produced at all.
 *   <li>A target is a variable name or a path {@code a.b.c}; the missing objects on the path are
 *       created.
 *   <li>Input mappings produce the element's <em>local</em> variables. A nested target builds a new
 *       object; it is not merged into a variable of the same name from the scope.
 *   <li>Output mappings produce the variables to merge into the flow scope. Their sources see the
 *       element's variables: the job / user task result variables (set as local variables when
 *       output mappings exist), the element's local variables, then the scopes above. A nested
 *       target is merged, at every level of the path, into the existing value of that variable: the
 *       other properties of the existing object are kept. An existing value that is not an object
 *       cannot take a property: that level becomes {@code null} (as FEEL's context merge does).
 *   <li>Without output mappings all result variables are merged into the process instance — that
 *       propagation is the engine's job, not done here.
 * </ul>
 *
 * <p>Lookups return a JSON-like value, {@code null} for a variable that does not exist, or {@link
 * FeelEvaluator#NULL_VALUE} for one that exists with {@code null}.
 */
public final class VariableMappings {

  private static final Object POISONED = new Object();

  private final FeelEvaluator feel;

  public VariableMappings(FeelEvaluator feel) {
    this.feel = feel;
  }

  /**
   * Applies input mappings against the element's scope (the variables visible where the element is
   * activated); the result are the element's local variables.
   */
  public MappingResult applyInputs(List<Mapping> mappings, Function<String, Object> scopeLookup) {
    if (mappings == null || mappings.isEmpty()) {
      return MappingResult.produced(Map.of());
    }
    Accumulator results = new Accumulator(path -> null);
    for (Mapping mapping : mappings) {
      FeelResult<Object> value = evaluateSource(mapping, results.lookup(scopeLookup));
      if (value.isFailure()) {
        return MappingResult.failed(value.failureMessage());
      }
      results.put(splitPath(mapping.target()), value.value());
    }
    return MappingResult.produced(results.toVariables());
  }

  /**
   * Applies output mappings; nested targets merge into the value that {@code lookup} sees.
   *
   * @param lookup the variables visible from the element (its local variables, including the result
   *     variables already set as local, then the scopes above)
   */
  public MappingResult applyOutputs(List<Mapping> mappings, Function<String, Object> lookup) {
    return applyOutputs(mappings, lookup, lookup);
  }

  /**
   * Applies output mappings.
   *
   * @param lookup the variables visible from the element (its local variables, including the result
   *     variables already set as local, then the scopes above); the sources are evaluated against
   *     it
   * @param existingScopeVariable the variables visible from the flow scope the result is merged
   *     into; a nested target {@code a.b} is merged into the object this gives for {@code a}
   */
  public MappingResult applyOutputs(
      List<Mapping> mappings,
      Function<String, Object> lookup,
      Function<String, Object> existingScopeVariable) {
    if (mappings == null || mappings.isEmpty()) {
      return MappingResult.produced(Map.of());
    }
    Accumulator view = new Accumulator(resolver(lookup));
    List<Map.Entry<List<String>, Object>> writes = new ArrayList<>(mappings.size());
    for (Mapping mapping : mappings) {
      FeelResult<Object> value = evaluateSource(mapping, view.lookup(lookup));
      if (value.isFailure()) {
        return MappingResult.failed(value.failureMessage());
      }
      List<String> path = splitPath(mapping.target());
      view.put(path, value.value());
      writes.add(new java.util.AbstractMap.SimpleImmutableEntry<>(path, value.value()));
    }
    if (existingScopeVariable == lookup) {
      return MappingResult.produced(view.toVariables());
    }
    Accumulator emitted = new Accumulator(resolver(existingScopeVariable));
    writes.forEach(write -> emitted.put(write.getKey(), write.getValue()));
    return MappingResult.produced(emitted.toVariables());
  }

  /**
   * Applies output mappings to the variables of a job or user task completion: the result variables
   * are seen first (they are the element's local variables once output mappings exist), then {@code
   * elementLookup}.
   */
  public MappingResult applyOutputs(
      List<Mapping> mappings,
      Map<String, Object> resultVariables,
      Function<String, Object> elementLookup,
      Function<String, Object> existingScopeVariable) {
    Function<String, Object> results = FeelEvaluator.lookup(resultVariables);
    Function<String, Object> lookup =
        name -> {
          Object value = results.apply(name);
          return value != null ? value : elementLookup.apply(name);
        };
    return applyOutputs(mappings, lookup, existingScopeVariable);
  }

  private FeelResult<Object> evaluateSource(Mapping mapping, Function<String, Object> variables) {
    if (mapping.source() == null) {
      return FeelResult.success(null);
    }
    return feel.evaluate(mapping.source(), variables);
  }

  private static List<String> splitPath(String target) {
    return Arrays.asList(target.strip().split("\\."));
  }

  /** Resolves a path (variable name, then properties) to the value there, or null. */
  private static Function<List<String>, Object> resolver(Function<String, Object> lookup) {
    return path -> {
      Object value = unwrap(lookup.apply(path.get(0)));
      for (int i = 1; i < path.size() && value != null; i++) {
        value = value instanceof Map<?, ?> map ? map.get(path.get(i)) : null;
      }
      return value;
    };
  }

  private static Object unwrap(Object value) {
    return value == FeelEvaluator.NULL_VALUE ? null : value;
  }

  /** An object being built by the mappings (as opposed to a value taken over as a whole). */
  private static final class Level extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Collects mapping results by target path. A nested level is created when a path goes through it,
   * seeded with the existing value at that path (given by the resolver) when that is an object; an
   * existing value that is not an object poisons the level to null.
   */
  private static final class Accumulator {

    private final Map<String, Object> roots = new LinkedHashMap<>();
    private final Function<List<String>, Object> existing;

    Accumulator(Function<List<String>, Object> existing) {
      this.existing = existing;
    }

    void put(List<String> path, Object value) {
      Map<String, Object> level = roots;
      for (int i = 0; i < path.size() - 1; i++) {
        Map<String, Object> next = levelAt(level, path.subList(0, i + 1));
        if (next == null) {
          return; // poisoned: the value is dropped, the level stays null
        }
        level = next;
      }
      level.put(path.get(path.size() - 1), value);
    }

    private Map<String, Object> levelAt(Map<String, Object> parent, List<String> prefix) {
      String key = prefix.get(prefix.size() - 1);
      Object entry = parent.get(key);
      if (entry instanceof Level level) {
        return level;
      } else if (entry == POISONED) {
        return null;
      }
      // absent, or a whole value set by an earlier mapping: (re)build the level from the existing
      // value
      Object current = existing.apply(prefix);
      if (current == null) {
        Level fresh = new Level();
        parent.put(key, fresh);
        return fresh;
      } else if (current instanceof Map<?, ?> map) {
        Level seeded = new Level();
        map.forEach((k, v) -> seeded.put(String.valueOf(k), FeelValues.javaToJson(v)));
        parent.put(key, seeded);
        return seeded;
      }
      parent.put(key, POISONED);
      return null;
    }

    /** A lookup where the results so far take priority over the given variables. */
    Function<String, Object> lookup(Function<String, Object> variables) {
      return name -> {
        if (!roots.containsKey(name)) {
          return variables.apply(name);
        }
        Object value = materialize(roots.get(name));
        return value == null ? FeelEvaluator.NULL_VALUE : value;
      };
    }

    Map<String, Object> toVariables() {
      Map<String, Object> variables = new LinkedHashMap<>();
      roots.forEach((name, value) -> variables.put(name, materialize(value)));
      return variables;
    }

    private static Object materialize(Object value) {
      if (value == POISONED) {
        return null;
      } else if (value instanceof Level level) {
        Map<String, Object> map = new LinkedHashMap<>();
        level.forEach((k, v) -> map.put(k, materialize(v)));
        return map;
      }
      return value;
    }
  }
}
