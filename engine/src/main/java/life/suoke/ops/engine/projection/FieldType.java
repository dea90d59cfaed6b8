package life.suoke.ops.engine.projection;

/** The kinds of searchable columns, with the SQL array type used for {@code $in} lists. */
public enum FieldType {
  KEY("int8"),
  TEXT("text"),
  /** A variable's value as JSON text; compared as text. */
  JSON("text"),
  INT("int4"),
  DATE("timestamptz"),
  BOOL("bool"),
  /** A text[] column; comparisons ask whether any element matches. */
  TEXT_ARRAY("text");

  final String arrayElementType;

  FieldType(String arrayElementType) {
    this.arrayElementType = arrayElementType;
  }
}
