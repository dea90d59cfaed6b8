package life.suoke.ops.engine.test;

/** Where an awaited assertion stands after one look at the history. */
enum Outcome {
  /** The expected property holds: the assertion passes. */
  HOLDS,
  /** It does not hold yet but still may: keep waiting. */
  NOT_YET,
  /** It does not hold and never will (the instance or task has ended): fail without waiting. */
  NEVER;

  static Outcome holdsOr(boolean holds, boolean canStillChange) {
    return holds ? HOLDS : canStillChange ? NOT_YET : NEVER;
  }
}
