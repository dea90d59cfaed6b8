package life.suoke.ops.engine.processing.bpmn.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures as values: what a step that can fail gives back, and how the next steps go on. */
class OutcomeTest {

  @Test
  void anEvaluationThatSucceedsIsItsValue() {
    Outcome<Integer> outcome = Outcome.evaluate(ErrorType.EXTRACT_VALUE_ERROR, () -> 42);
    assertThat(outcome.isFailure()).isFalse();
    assertThat(outcome.value()).isEqualTo(42);
    assertThatThrownBy(outcome::failure).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anEvaluationThatFailsIsAFailureOfTheGivenTypeWithItsMessage() {
    Outcome<Integer> outcome =
        Outcome.evaluate(
            ErrorType.IO_MAPPING_ERROR,
            () -> {
              throw new ExpressionFailure("no variable found for name 'x'");
            });
    assertThat(outcome.isFailure()).isTrue();
    assertThat(outcome.failure())
        .isEqualTo(new Failure(ErrorType.IO_MAPPING_ERROR, "no variable found for name 'x'"));
    assertThatThrownBy(outcome::value).isInstanceOf(IllegalStateException.class);
    assertThat(outcome.orElse(7)).isEqualTo(7);
  }

  @Test
  void theNextStepsRunOnlyAfterASuccess() {
    List<String> ran = new ArrayList<>();
    Outcome<Integer> failed = Outcome.failure(ErrorType.CONDITION_ERROR, "no flow");
    Outcome<String> after =
        failed
            .map(
                value -> {
                  ran.add("map");
                  return "x";
                })
            .flatMap(
                value -> {
                  ran.add("flatMap");
                  return Outcome.success("y");
                });
    assertThat(ran).isEmpty();
    assertThat(after.failure()).isEqualTo(new Failure(ErrorType.CONDITION_ERROR, "no flow"));

    Outcome<String> succeeded =
        Outcome.success(1).map(value -> value + 1).flatMap(value -> Outcome.success("v" + value));
    assertThat(succeeded.value()).isEqualTo("v2");
  }

  @Test
  void aLaterStepCanFailAfterAnEarlierOneSucceeded() {
    Outcome<Object> outcome =
        Outcome.success("form")
            .flatMap(id -> Outcome.failure(ErrorType.FORM_NOT_FOUND, "no form '" + id + "'"));
    assertThat(outcome.failure().type()).isEqualTo(ErrorType.FORM_NOT_FOUND);
    assertThat(outcome.failure().message()).isEqualTo("no form 'form'");
  }

  @Test
  void aFailureCanBeGivenMoreContextAndKeepsItsType() {
    Outcome<Boolean> outcome =
        Outcome.<Boolean>failure(ErrorType.EXTRACT_VALUE_ERROR, "bad")
            .mapMessage(message -> "Failed to evaluate completion condition. " + message);
    assertThat(outcome.failure())
        .isEqualTo(
            new Failure(
                ErrorType.EXTRACT_VALUE_ERROR, "Failed to evaluate completion condition. bad"));
    assertThat(Outcome.success(true).mapMessage(message -> "changed").value()).isTrue();
  }

  @Test
  void theReceiverGetsAFailureOnceAndASuccessNot() {
    List<Failure> received = new ArrayList<>();
    Outcome.success().ifFailure(received::add);
    assertThat(received).isEmpty();
    Outcome.failure(ErrorType.UNHANDLED_ERROR_EVENT, "not caught").ifFailure(received::add);
    assertThat(received)
        .containsExactly(new Failure(ErrorType.UNHANDLED_ERROR_EVENT, "not caught"));
  }

  @Test
  void errorTypesHaveZeebesNames() {
    assertThat(ErrorType.valueOf("EXTRACT_VALUE_ERROR")).isNotNull();
    assertThat(ErrorType.valueOf("CALLED_DECISION_ERROR")).isNotNull();
    assertThat(ErrorType.values()).hasSize(12);
  }
}
