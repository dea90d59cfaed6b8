package life.suoke.ops.engine.processing.bpmn.behavior;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a step that can fail gives back: its value, or the {@link Failure} that stops the element
 * instance. Nothing that returns an outcome raises an incident; the step that receives a failure
 * raises it, once.
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failed {

  /** The step went through. */
  record Success<T>(T value) implements Outcome<T> {}

  /** The step failed. */
  record Failed<T>(Failure failure) implements Outcome<T> {}

  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  /** A step without a value went through. */
  static Outcome<Void> success() {
    return new Success<>(null);
  }

  static <T> Outcome<T> failure(Failure failure) {
    return new Failed<>(failure);
  }

  static <T> Outcome<T> failure(ErrorType type, String message) {
    return new Failed<>(new Failure(type, message));
  }

  /** An evaluation of expressions, which may fail. */
  @FunctionalInterface
  interface Evaluation<T> {
    T evaluate() throws ExpressionFailure;
  }

  /**
   * Evaluates expressions: their value, or a failure of the given type with the evaluation's
   * message.
   */
  static <T> Outcome<T> evaluate(ErrorType type, Evaluation<T> evaluation) {
    try {
      return success(evaluation.evaluate());
    } catch (ExpressionFailure failure) {
      return failure(type, failure.getMessage());
    }
  }

  default boolean isFailure() {
    return this instanceof Failed;
  }

  /** The value of a success. */
  default T value() {
    throw new IllegalStateException("A failed step has no value: " + failure());
  }

  /** The failure of a failed step. */
  default Failure failure() {
    throw new IllegalStateException("The step did not fail");
  }

  /** The value of a success, or {@code other} for a failure. */
  default T orElse(T other) {
    return isFailure() ? other : value();
  }

  /** The next step with the value of a success; a failure stays. */
  @SuppressWarnings("unchecked")
  default <U> Outcome<U> map(Function<? super T, ? extends U> next) {
    return isFailure() ? (Outcome<U>) this : success(next.apply(value()));
  }

  /** The next step, which may fail, with the value of a success; a failure stays. */
  @SuppressWarnings("unchecked")
  default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> next) {
    return isFailure() ? (Outcome<U>) this : next.apply(value());
  }

  /** The failure with another message (more context), if it is one. */
  default Outcome<T> mapMessage(Function<String, String> message) {
    return isFailure() ? failure(failure().type(), message.apply(failure().message())) : this;
  }

  /** Hands a failure to its receiver (to raise the incident); a success goes through. */
  default Outcome<T> ifFailure(Consumer<Failure> receiver) {
    if (isFailure()) {
      receiver.accept(failure());
    }
    return this;
  }
}
