package life.suoke.ops.engine.projection;

import java.util.List;

/**
 * One filter condition of a search, already typed: the operands are Long, Integer, String, Boolean
 * or OffsetDateTime as the field's type requires. SQL expressions may name the projection's schema
 * as {@code {s}} (for sub-queries) and the searched row as {@code t}.
 */
public sealed interface Condition {

  enum Operator {
    EQ,
    NEQ,
    EXISTS,
    IN,
    NOT_IN,
    LIKE,
    GT,
    GTE,
    LT,
    LTE
  }

  /** {@code sql <operator> operands}. */
  record Compare(String sql, FieldType type, Operator operator, List<Object> operands)
      implements Condition {}

  /**
   * A variable named {@code name} in the scope {@code scopeSql} whose (JSON) value matches {@code
   * value}.
   */
  record Variable(String scopeSql, String name, Compare value) implements Condition {}

  /**
   * The row's process instance ({@code processInstanceSql}) is {@code rootProcessInstanceKey} or
   * one it called, directly or through further call activities.
   */
  record InProcessInstanceTree(String processInstanceSql, long rootProcessInstanceKey)
      implements Condition {}

  /** Matches nothing (a filter on something this engine never has, such as a start form). */
  record Never() implements Condition {}
}
