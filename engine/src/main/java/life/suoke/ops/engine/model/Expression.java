package life.suoke.ops.engine.model;

/**
 * A value of a Zeebe extension attribute: either static text, or a FEEL expression when the
 * attribute starts with {@code =} (Zeebe's rule). {@code source} is the text without the {@code =}.
 */
public record Expression(String source, boolean feel) {

  public static Expression parse(String attribute) {
    if (attribute == null) {
      return null;
    }
    String trimmed = attribute.strip();
    return trimmed.startsWith("=")
        ? new Expression(trimmed.substring(1).strip(), true)
        : new Expression(attribute, false);
  }

  public static Expression feel(String source) {
    return new Expression(source, true);
  }
}
