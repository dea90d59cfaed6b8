package life.suoke.ops.engine.feel;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of evaluating an expression: either a value (which may be {@code null}, FEEL's {@code
 * null}) or a failure message worded like Zeebe's, meant to become an incident message. Evaluation
 * never throws for a problem in the expression or in the data; it returns a failure.
 *
 * @param <T> the type of the value
 */
public class FeelResult<T> {

  private final T value;
  private final String failureMessage;

  protected FeelResult(T value, String failureMessage) {
    this.value = value;
    this.failureMessage = failureMessage;
  }

  public static <T> FeelResult<T> success(T value) {
    return new FeelResult<>(value, null);
  }

  public static <T> FeelResult<T> failure(String message) {
    return new FeelResult<>(null, Objects.requireNonNull(message, "message"));
  }

  public final boolean isSuccess() {
    return failureMessage == null;
  }

  public final boolean isFailure() {
    return failureMessage != null;
  }

  /** The value; {@code null} for FEEL's null, and for a failure. */
  public final T value() {
    return value;
  }

  /** The failure message, or {@code null} on success. */
  public final String failureMessage() {
    return failureMessage;
  }

  /** Maps the value of a success; a failure is passed on unchanged. */
  public <R> FeelResult<R> map(Function<? super T, ? extends R> mapper) {
    return isSuccess() ? success(mapper.apply(value)) : failure(failureMessage);
  }

  /** Chains another evaluation step on a success; a failure is passed on unchanged. */
  public <R> FeelResult<R> flatMap(Function<? super T, FeelResult<R>> mapper) {
    return isSuccess() ? mapper.apply(value) : failure(failureMessage);
  }

  /**
   * Returns the value, or throws the exception made from the failure message, e.g. {@code
   * result.orElseThrow(ExpressionFailure::new)}.
   */
  public <X extends Throwable> T orElseThrow(Function<String, X> exception) throws X {
    if (isFailure()) {
      throw exception.apply(failureMessage);
    }
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FeelResult<?> that
        && Objects.equals(value, that.value)
        && Objects.equals(failureMessage, that.failureMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, failureMessage);
  }

  @Override
  public String toString() {
    String name = getClass().getSimpleName();
    return isSuccess() ? name + "[value=" + value + "]" : name + "[failure=" + failureMessage + "]";
  }
}
