package life.suoke.ops.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.JobDefinition;
import org.junit.jupiter.api.Test;

class FeelEvaluatorTest {

  private final FeelEvaluator feel = new FeelEvaluator();

  private final Map<String, Object> variables = variables();

  private static Map<String, Object> variables() {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("name", "Anna");
    customer.put("tier", 2L);
    customer.put("tags", List.of("vip", "eu"));
    Map<String, Object> variables = new HashMap<>();
    variables.put("customer", customer);
    variables.put("amount", 120L);
    variables.put("rate", 0.25);
    variables.put("price", new java.math.BigDecimal("19.90"));
    variables.put("owner", "ben");
    variables.put("groups", List.of("ops", "sre"));
    variables.put("nothing", null);
    variables.put("due", "2025-03-02T15:35:00+02:00");
    return variables;
  }

  private Object value(String feelSource) {
    FeelResult<Object> result = feel.evaluate(Expression.feel(feelSource), variables);
    assertThat(result.isSuccess()).as("evaluation of %s: %s", feelSource, result).isTrue();
    return result.value();
  }

  @Test
  void numbersBecomeLongWhenIntegralElseDouble() {
    assertThat(value("amount + 1")).isEqualTo(121L);
    assertThat(value("amount / 4")).isEqualTo(30L);
    assertThat(value("amount / 8")).isEqualTo(15L);
    assertThat(value("amount / 16")).isEqualTo(7.5d);
    assertThat(value("rate * 2")).isEqualTo(0.5d);
    assertThat(value("price")).isEqualTo(19.9d);
    assertThat(value("price * 10")).isEqualTo(199L);
    assertThat(value("customer.tier")).isEqualTo(2L);
    assertThat(value("100000000000000000000")).isEqualTo(1.0e20d);
  }

  @Test
  void stringsBooleansAndNull() {
    assertThat(value("\"Hello \" + customer.name")).isEqualTo("Hello Anna");
    assertThat(value("amount > 100")).isEqualTo(true);
    assertThat(value("nothing")).isNull();
    assertThat(value("unknownVariable")).isNull();
    assertThat(value("customer.unknown")).isNull();
  }

  @Test
  void contextsBecomeMapsAndListsBecomeLists() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("tags", List.of("vip", "eu"));
    nested.put("none", null);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", 7L);
    expected.put("who", "Anna");
    expected.put("nested", nested);
    Object context =
        value("{id: 7, who: customer.name, nested: {tags: customer.tags, none: null}}");
    assertThat(context).isInstanceOf(LinkedHashMap.class).isEqualTo(expected);
    assertThat(value("customer")).isEqualTo(variables.get("customer"));

    List<Object> list = new ArrayList<>(List.of(1L, "a", true));
    list.add(null);
    list.add(List.of(2.5d));
    assertThat(value("[1, \"a\", true, null, [2.5]]")).isEqualTo(list);
    assertThat(value("for g in groups return upper case(g)")).isEqualTo(List.of("OPS", "SRE"));
  }

  @Test
  void datesTimesAndDurationsBecomeIsoText() {
    assertThat(value("date(\"2024-01-31\")")).isEqualTo("2024-01-31");
    assertThat(value("date and time(\"2024-01-31T10:15:00@Europe/Berlin\")"))
        .isEqualTo("2024-01-31T10:15:00+01:00");
    assertThat(value("date and time(\"2024-01-31T10:15:00Z\")")).isEqualTo("2024-01-31T10:15:00Z");
    assertThat(value("date and time(\"2024-01-31T10:15:00\")")).isEqualTo("2024-01-31T10:15:00");
    // a local time is written as java.time writes it, as Zeebe does
    assertThat(value("time(\"10:15:00\")")).isEqualTo("10:15");
    assertThat(value("time(\"10:15:30\")")).isEqualTo("10:15:30");
    assertThat(value("duration(\"P1DT2H\")")).isEqualTo("P1DT2H");
    assertThat(value("duration(\"P1Y2M\")")).isEqualTo("P1Y2M");
    assertThat(value("date(\"2024-01-31\") + duration(\"P1D\")")).isEqualTo("2024-02-01");
  }

  @Test
  void staticExpressionIsItsText() {
    assertThat(feel.evaluate(new Expression("sales, ops", false), variables).value())
        .isEqualTo("sales, ops");
    assertThat(feel.evaluate(Expression.parse("42"), variables).value()).isEqualTo("42");
  }

  @Test
  void variablesFromALookupFunctionWithNullMarker() {
    Map<String, Object> store = Map.of("a", 5L);
    var lookup =
        (java.util.function.Function<String, Object>)
            name -> name.equals("n") ? FeelEvaluator.NULL_VALUE : store.get(name);
    FeelResult<Boolean> missing = feel.evaluateBoolean(Expression.feel("b = null"), lookup);
    assertThat(missing.value()).isTrue();
    assertThat(feel.evaluate(Expression.feel("a * 2"), lookup).value()).isEqualTo(10L);
    assertThat(feel.evaluate(Expression.feel("n"), lookup).value()).isNull();
    // a variable holding null is not missing: no warning about it in a failure message
    assertThat(feel.evaluateString(Expression.feel("n"), lookup).failureMessage())
        .isEqualTo("Expected result of the expression 'n' to be 'STRING', but was 'NULL'.");
    assertThat(feel.evaluateString(Expression.feel("m"), lookup).failureMessage())
        .isEqualTo(
            "Expected result of the expression 'm' to be 'STRING', but was 'NULL'."
                + " The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'm'");
  }

  // ------------------------------------------------------------------ failures

  @Test
  void parseFailureReturnsFeelsMessage() {
    FeelResult<Object> result = feel.evaluate(Expression.feel("amount >"), variables);
    assertThat(result.isFailure()).isTrue();
    assertThat(result.failureMessage()).startsWith("failed to parse expression 'amount >': ");
    assertThat(feel.parse("amount >").failureMessage()).isEqualTo(result.failureMessage());
    assertThat(feel.parse("amount > 1").isSuccess()).isTrue();
  }

  @Test
  void nonBooleanConditionFailsWithZeebesWording() {
    assertThat(feel.evaluateBoolean(Expression.feel("owner"), variables).failureMessage())
        .isEqualTo("Expected result of the expression 'owner' to be 'BOOLEAN', but was 'STRING'.");
    assertThat(feel.evaluateBoolean(Expression.feel("amount"), variables).failureMessage())
        .isEqualTo("Expected result of the expression 'amount' to be 'BOOLEAN', but was 'NUMBER'.");
    assertThat(feel.evaluateBoolean(Expression.feel("amount > 100"), variables).value()).isTrue();
    assertThat(feel.evaluateBoolean(new Expression("true", false), variables).value()).isTrue();
  }

  @Test
  void unknownFunctionInAConditionReportsFeelsWarning() {
    FeelResult<Boolean> result =
        feel.evaluateBoolean(Expression.feel("isUrgent(amount)"), variables);
    assertThat(result.failureMessage())
        .isEqualTo(
            "Expected result of the expression 'isUrgent(amount)' to be 'BOOLEAN', but was 'NULL'."
                + " The evaluation reported the following warnings:\n"
                + "[NO_FUNCTION_FOUND] No function found with name 'isUrgent' and 1 parameters");
  }

  @Test
  void failedAssertionIsAFailureWithFeelsMessage() {
    FeelResult<Object> result =
        feel.evaluate(Expression.feel("assert(amount, amount < 100)"), variables);
    assertThat(result.isFailure()).isTrue();
    assertThat(result.failureMessage())
        .startsWith(
            "Assertion failure on evaluate the expression 'assert(amount, amount < 100)': The condition is not fulfilled");
  }

  @Test
  void missingVariableInConditionIsReported() {
    assertThat(feel.evaluateBoolean(Expression.feel("total > 5"), variables).failureMessage())
        .isEqualTo(
            "Expected result of the expression 'total > 5' to be 'BOOLEAN', but was 'NULL'."
                + " The evaluation reported the following warnings:\n"
                + "[NO_VARIABLE_FOUND] No variable found with name 'total'\n"
                + "[NOT_COMPARABLE] Can't compare 'null' with '5'");
  }

  // ------------------------------------------------------------------ typed helpers

  @Test
  void stringsAndJobTypes() {
    assertThat(feel.evaluateString(Expression.feel("owner"), variables).value()).isEqualTo("ben");
    assertThat(feel.evaluateString(new Expression("static-user", false), variables).value())
        .isEqualTo("static-user");
    assertThat(feel.evaluateString(Expression.feel("amount"), variables).failureMessage())
        .isEqualTo("Expected result of the expression 'amount' to be 'STRING', but was 'NUMBER'.");
    assertThat(
            feel.evaluateJobType(
                    Expression.feel("\"notify-\" + owner"), FeelEvaluator.lookup(variables))
                .value())
        .isEqualTo("notify-ben");
    assertThat(
            feel.evaluateJobType(Expression.feel("\"\""), FeelEvaluator.lookup(variables))
                .failureMessage())
        .isEqualTo(
            "Expected result of the expression '\"\"' to be a not-empty string, but was an empty string.");
  }

  @Test
  void numbersForRetriesAndPriority() {
    assertThat(feel.evaluateLong(new Expression("3", false), variables).value()).isEqualTo(3L);
    assertThat(feel.evaluateLong(Expression.feel("customer.tier + 1"), variables).value())
        .isEqualTo(3L);
    assertThat(feel.evaluateLong(new Expression("three", false), variables).failureMessage())
        .isEqualTo("Expected result of the expression 'three' to be 'NUMBER', but was 'STRING'.");
    assertThat(feel.evaluateInt(Expression.feel("amount / 16"), variables).failureMessage())
        .isEqualTo(
            "Expected result of the expression 'amount / 16' to be an integer, but was a decimal.");
    assertThat(feel.evaluateInt(Expression.feel("amount / 4"), variables).value()).isEqualTo(30);
    var lookup = FeelEvaluator.lookup(variables);
    assertThat(feel.evaluatePriority(null, lookup).value()).isEqualTo(50);
    assertThat(feel.evaluatePriority(Expression.feel("customer.tier * 40"), lookup).value())
        .isEqualTo(80);
    assertThat(feel.evaluatePriority(Expression.feel("amount"), lookup).failureMessage())
        .isEqualTo("Expected priority to be in the range [0,100] but was '120'.");
  }

  @Test
  void stringListsForCandidateGroups() {
    assertThat(feel.evaluateStringList(Expression.feel("groups"), variables).value())
        .containsExactly("ops", "sre");
    assertThat(feel.evaluateStringList(Expression.feel("append(groups, owner)"), variables).value())
        .containsExactly("ops", "sre", "ben");
    assertThat(feel.evaluateStringList(new Expression(" ops , sre,dev ", false), variables).value())
        .containsExactly("ops", "sre", "dev");
    assertThat(feel.evaluateStringList(new Expression("", false), variables).value()).isEmpty();
    assertThat(
            feel.evaluateStringList(new Expression("ops, ,sre", false), variables).failureMessage())
        .isEqualTo("Expected to parse list of CSV, but ops, ,sre is not CSV");
    assertThat(
            feel.evaluateStringList(Expression.feel("[owner, amount]"), variables).failureMessage())
        .isEqualTo(
            "Expected result of the expression '[owner, amount]' to be 'ARRAY' containing 'STRING' items,"
                + " but was 'ARRAY' containing at least one non-'STRING' item.");
    assertThat(feel.evaluateStringList(Expression.feel("owner"), variables).failureMessage())
        .isEqualTo("Expected result of the expression 'owner' to be 'ARRAY', but was 'STRING'.");
  }

  @Test
  void dateTimesForDueDates() {
    assertThat(
            feel.evaluateDateTime(
                    Expression.feel("date and time(\"2025-03-02T15:35:00@Europe/Berlin\")"),
                    variables)
                .value())
        .isEqualTo(ZonedDateTime.of(2025, 3, 2, 15, 35, 0, 0, ZoneId.of("Europe/Berlin")));
    assertThat(feel.evaluateDateTime(Expression.feel("due"), variables).value().toOffsetDateTime())
        .isEqualTo(OffsetDateTime.of(2025, 3, 2, 15, 35, 0, 0, ZoneOffset.ofHours(2)));
    assertThat(
            feel.evaluateDateTime(new Expression("2025-03-02T15:35+02:00", false), variables)
                .value()
                .toOffsetDateTime())
        .isEqualTo(OffsetDateTime.of(2025, 3, 2, 15, 35, 0, 0, ZoneOffset.ofHours(2)));
    assertThat(feel.evaluateDateTime(Expression.feel("nothing"), variables).value()).isNull();
    assertThat(feel.evaluateDateTime(null, variables).value()).isNull();
    var lookup = FeelEvaluator.lookup(variables);
    assertThat(feel.evaluateDateTimeString(Expression.feel("due"), lookup).value())
        .isEqualTo("2025-03-02T15:35+02:00");
    assertThat(feel.evaluateDateTime(Expression.feel("owner"), variables).failureMessage())
        .isEqualTo("Invalid date-time format 'ben' for expression 'owner'.");
    assertThat(feel.evaluateDateTime(Expression.feel("amount"), variables).failureMessage())
        .isEqualTo(
            "Expected result of the expression 'amount' to be one of '[NULL, DATE_TIME, STRING]', but was 'NUMBER'.");
  }

  @Test
  void nowUsesTheGivenClock() {
    Clock clock = Clock.fixed(Instant.parse("2025-01-01T08:00:00Z"), ZoneOffset.UTC);
    FeelEvaluator fixed = new FeelEvaluator(clock);
    assertThat(fixed.evaluate(Expression.feel("now() + duration(\"PT4H\")"), Map.of()).value())
        .isEqualTo("2025-01-01T12:00:00Z");
    assertThat(fixed.evaluate(Expression.feel("today()"), Map.of()).value())
        .isEqualTo("2025-01-01");
  }

  @Test
  void jobHeadersOfAJobWorkerUserTask() {
    JobDefinition job =
        new JobDefinition(
            new Expression(JobDefinition.USER_TASK_JOB_TYPE, false),
            new Expression("1", false),
            Map.of("queue", "review"),
            new LinkedHashMap<>(
                Map.of(
                    JobDefinition.ASSIGNEE_HEADER, Expression.feel("owner"),
                    JobDefinition.CANDIDATE_GROUPS_HEADER, Expression.feel("groups"),
                    JobDefinition.DUE_DATE_HEADER, Expression.feel("due"),
                    JobDefinition.FOLLOW_UP_DATE_HEADER, Expression.feel("nothing"))),
            null);

    FeelResult<Map<String, String>> headers =
        feel.evaluateJobHeaders(job, FeelEvaluator.lookup(variables));

    assertThat(headers.value())
        .containsOnly(
            Map.entry("queue", "review"),
            Map.entry("io.camunda.zeebe:assignee", "ben"),
            Map.entry("io.camunda.zeebe:candidateGroups", "[\"ops\",\"sre\"]"),
            Map.entry("io.camunda.zeebe:dueDate", "2025-03-02T15:35+02:00"));

    JobDefinition broken =
        new JobDefinition(
            job.type(),
            job.retries(),
            Map.of(),
            Map.of(JobDefinition.CANDIDATE_USERS_HEADER, Expression.feel("owner")),
            null);
    assertThat(feel.evaluateJobHeaders(broken, FeelEvaluator.lookup(variables)).failureMessage())
        .isEqualTo("Expected result of the expression 'owner' to be 'ARRAY', but was 'STRING'.");
  }

  @Test
  void parsedExpressionsAreSharedSafelyAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        long n = i;
        results.add(
            pool.submit(
                () -> {
                  Object sum = feel.evaluate(Expression.feel("x * 2 + 1"), Map.of("x", n)).value();
                  Boolean even =
                      feel.evaluateBoolean(Expression.feel("modulo(x, 2) = 0"), Map.of("x", n))
                          .value();
                  return sum.equals(n * 2 + 1) && even == (n % 2 == 0);
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
