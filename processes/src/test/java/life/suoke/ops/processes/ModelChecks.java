package life.suoke.ops.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the model tests of every flow check the same way: the geometry of a diagram (a flow's ends
 * on its shapes' borders, shapes inside their containers, no two shapes on top of each other) and
 * the contract between a process's constants class and its files.
 */
public final class ModelChecks {

  /** How far, in diagram units, a point may lie off a border and still be on it. */
  public static final double TOLERANCE = 0.5;

  private ModelChecks() {}

  /** Whether the point lies on the border of {@code b}. */
  public static boolean onBorder(double x, double y, Bounds b) {
    double left = b.getX();
    double top = b.getY();
    double right = left + b.getWidth();
    double bottom = top + b.getHeight();
    boolean within =
        x >= left - TOLERANCE
            && x <= right + TOLERANCE
            && y >= top - TOLERANCE
            && y <= bottom + TOLERANCE;
    boolean onEdge =
        Math.abs(x - left) <= TOLERANCE
            || Math.abs(x - right) <= TOLERANCE
            || Math.abs(y - top) <= TOLERANCE
            || Math.abs(y - bottom) <= TOLERANCE;
    return within && onEdge;
  }

  /** Whether {@code inner} lies wholly inside {@code outer}. */
  public static boolean inside(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX()
        && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  /** Whether the two shapes overlap. */
  public static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  /** The String constants of {@code type} whose names pass the filter, by name. */
  public static Map<String, String> constants(Class<?> type, Predicate<String> names)
      throws IllegalAccessException {
    Map<String, String> constants = new HashMap<>();
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && field.getType() == String.class
          && names.test(field.getName())) {
        constants.put(field.getName(), (String) field.get(null));
      }
    }
    return constants;
  }

  /** A resource of the module's class path; fails when there is none of that name. */
  public static InputStream resource(String name) {
    InputStream stream = ModelChecks.class.getClassLoader().getResourceAsStream(name);
    assertThat(stream).as("resource %s", name).isNotNull();
    return stream;
  }
}
