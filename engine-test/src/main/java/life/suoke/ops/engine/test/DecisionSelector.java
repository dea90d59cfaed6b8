package life.suoke.ops.engine.test;

/**
 * Picks the decision evaluation an assertion is about; see {@link DecisionSelectors} for the usual
 * ones. When several evaluations match, assertions use the last one.
 */
public interface DecisionSelector {

  /** Whether the evaluation is one this selector picks. */
  boolean test(DecisionInstance decision);

  /** How failure messages name the selection, such as {@code decisionId: incident-priority}. */
  String describe();

  /** Both this selector and the other pick the evaluation. */
  default DecisionSelector and(DecisionSelector other) {
    DecisionSelector self = this;
    return new DecisionSelector() {
      @Override
      public boolean test(DecisionInstance decision) {
        return self.test(decision) && other.test(decision);
      }

      @Override
      public String describe() {
        return self.describe() + ", " + other.describe();
      }
    };
  }
}
