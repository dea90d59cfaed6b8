package life.suoke.ops.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMN evaluator on its own: parsing, hit policies, required decisions, failures as Zeebe
 * reports them.
 */
class DecisionEvaluatorTest {

  static final DecisionEvaluator evaluator = new DecisionEvaluator();
  static final ParsedDrg hitPolicies = parse("hit-policies.dmn");
  static final ParsedDrg priority = parse("incident-priority.dmn");
  static final ParsedDrg risk = parse("change-risk.dmn");

  static ParsedDrg parse(String name) {
    try (InputStream in = DecisionEvaluatorTest.class.getResourceAsStream("/dmn/" + name)) {
      return evaluator.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedDrg literal(String expression) {
    return evaluator.parse(
        ("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"D\" namespace=\"n\">"
                + "<decision id=\"literal\" name=\"Literal\"><literalExpression><text>"
                + expression
                + "</text></literalExpression></decision>"
                + "</definitions>")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parsesTheGraphWithItsDecisions() {
    assertThat(risk.isValid()).isTrue();
    assertThat(risk.id()).isEqualTo("change-risk-rules");
    assertThat(risk.name()).isEqualTo("Change risk rules");
    assertThat(risk.namespace()).isEqualTo("http://suoke.life/ops/dmn");
    assertThat(risk.decisionNames())
        .containsExactly(
            Map.entry("impact-score", "Impact score"), Map.entry("change-risk", "Change risk"));
    assertThat(risk.decisionName("change-risk")).isEqualTo("Change risk");
    assertThat(risk.decisionName("nope")).isNull();
  }

  @Test
  void aResourceThatIsNotDmnIsInvalidWithTheParsersMessage() {
    ParsedDrg notXml = evaluator.parse("not xml".getBytes(StandardCharsets.UTF_8));
    ParsedDrg empty = evaluator.parse(new byte[0]);

    assertThat(notXml.isValid()).isFalse();
    assertThat(notXml.failure()).startsWith("Failed to parse DMN");
    assertThat(empty.failure()).isEqualTo("the DMN resource is empty");
    DecisionResult result = evaluator.evaluate(notXml, "any", Map.of());
    assertThat(result.failureMessage())
        .isEqualTo(
            "Expected to evaluate decision 'any', but the decision requirements graph is invalid");
    assertThat(result.failedDecisionId()).isEqualTo("any");
  }

  @ParameterizedTest(name = "{0} at cost {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "approval-first     | 50    | \"automatic\"",
        "approval-first     | 500   | \"team lead\"",
        "approval-first     | 5000  | \"change advisory board\"",
        "approval-priority  | 500   | \"team lead\"",
        "approval-priority  | 5000  | \"change advisory board\"",
        "review-any         | 500   | \"review\"",
        "owner-unique       | 500   | \"finance\"",
        "owner-unique       | 50    | null",
        "notify-collect     | 50    | [\"audit\"]",
        "notify-collect     | 5000  | [\"finance\",\"cab\",\"audit\"]",
        "points-sum         | 500   | 3",
        "points-sum         | 5000  | 7",
        "points-count       | 5000  | 3",
        "points-max         | 500   | 2",
        "steps-rule-order   | 5000  | [{\"step\":\"audit\",\"order\":1},{\"step\":\"finance\",\"order\":2},{\"step\":\"cab\",\"order\":3}]",
        "steps-output-order | 500   | [\"finance\",\"audit\"]",
        "steps-output-order | 5000  | [\"cab\",\"finance\",\"audit\"]",
        "summary            | 50    | \"minor change\""
      })
  void everyHitPolicy(String decisionId, int cost, String output) {
    DecisionResult result = evaluator.evaluate(hitPolicies, decisionId, Map.of("cost", cost));

    assertThat(result.isFailure()).isFalse();
    assertThat(result.outputJson()).isEqualTo(output);
    assertThat(result.evaluatedDecisions())
        .extracting(DecisionResult.EvaluatedDecision::decisionId)
        .containsExactly(decisionId);
  }

  @Test
  void collectAndRuleOrderGiveJavaListsAndMaps() {
    assertThat(evaluator.evaluate(hitPolicies, "notify-collect", Map.of("cost", 500)).output())
        .isEqualTo(List.of("finance", "audit"));
    assertThat(evaluator.evaluate(hitPolicies, "steps-rule-order", Map.of("cost", 500)).output())
        .isEqualTo(
            List.of(Map.of("step", "audit", "order", 1L), Map.of("step", "finance", "order", 2L)));
    assertThat(
            evaluator
                .evaluate(hitPolicies, "points-sum", Map.of("cost", new BigDecimal("150.5")))
                .output())
        .isEqualTo(3L);
  }

  @Test
  void reportsInputsAndMatchedRulesWithOneBasedIndexes() {
    DecisionResult result =
        evaluator.evaluate(
            priority, "incident-priority", Map.of("severity", "low", "impact", "user"));

    assertThat(result.output()).isEqualTo("P4");
    DecisionResult.EvaluatedDecision decision = result.evaluatedDecisions().get(0);
    assertThat(decision.decisionName()).isEqualTo("Incident priority");
    assertThat(decision.decisionType()).isEqualTo("DECISION_TABLE");
    assertThat(decision.evaluatedInputs())
        .containsExactly(
            new DecisionResult.EvaluatedInput("severity-input", "Severity", "\"low\""),
            new DecisionResult.EvaluatedInput("impact-input", "Impact", "\"user\""));
    assertThat(decision.matchedRules())
        .containsExactly(
            new DecisionResult.MatchedRule(
                "minor-narrow",
                6,
                List.of(
                    new DecisionResult.EvaluatedOutput("priority-output", "Priority", "\"P4\""))));
  }

  @Test
  void anInputWithoutLabelIsNamedByItsExpressionCutToThirtyCharacters() {
    ParsedDrg drg =
        evaluator.parse(
            ("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"D\" namespace=\"n\">"
                    + "<decision id=\"t\" name=\"T\"><decisionTable id=\"dt\">"
                    + "<input id=\"i\"><inputExpression typeRef=\"string\"><text>if customer.segment = null then \"none\" else customer.segment</text></inputExpression></input>"
                    + "<output id=\"o\" name=\"segment\" typeRef=\"string\" />"
                    + "<rule id=\"r\"><inputEntry><text>-</text></inputEntry><outputEntry><text>\"any\"</text></outputEntry></rule>"
                    + "</decisionTable></decision></definitions>")
                .getBytes(StandardCharsets.UTF_8));

    DecisionResult result = evaluator.evaluate(drg, "t", Map.of());

    assertThat(result.evaluatedDecisions().get(0).evaluatedInputs())
        .containsExactly(
            new DecisionResult.EvaluatedInput("i", "if customer.segment = null the", "\"none\""));
    assertThat(result.evaluatedDecisions().get(0).matchedRules().get(0).evaluatedOutputs())
        .containsExactly(new DecisionResult.EvaluatedOutput("o", "segment", "\"any\""));
  }

  @Test
  void requiredDecisionsAreEvaluatedFirstAndFeedTheRequestedOne() {
    DecisionResult result =
        evaluator.evaluate(
            risk,
            "change-risk",
            Map.of("affectedServices", 5, "customerFacing", true, "changeType", "normal"));

    // [3..9] services: 3, customer facing: 4; the score 7 is in [4..7]: medium (PRIORITY over the
    // low rule)
    assertThat(result.output()).isEqualTo("medium");
    assertThat(result.evaluatedDecisions())
        .extracting(DecisionResult.EvaluatedDecision::decisionId)
        .containsExactly("impact-score", "change-risk");
    assertThat(result.evaluatedDecisions().get(0).outputJson()).isEqualTo("7");
  }

  @Test
  void uniqueViolationFailsWithZeebesMessageAndTheFailedDecision() {
    DecisionResult result = evaluator.evaluate(hitPolicies, "owner-unique", Map.of("cost", 5000));

    assertThat(result.isFailure()).isTrue();
    assertThat(result.failureMessage())
        .isEqualTo(
            "Expected to evaluate decision 'owner-unique', but multiple values aren't allowed"
                + " for UNIQUE hit policy. found: 'List(Map(owner -> \"finance\"), Map(owner -> \"cab\"))'");
    assertThat(result.failedDecisionId()).isEqualTo("owner-unique");
    assertThat(result.outputJson()).isEqualTo("null");
    assertThat(result.evaluatedDecisions())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.matchedRules())
                    .extracting(DecisionResult.MatchedRule::ruleIndex)
                    .containsExactly(1, 2));
  }

  @Test
  void anyWithDifferentOutputsFails() {
    DecisionResult result = evaluator.evaluate(hitPolicies, "review-any", Map.of("cost", 50000));

    assertThat(result.failureMessage())
        .startsWith(
            "Expected to evaluate decision 'review-any', but different values aren't allowed for ANY hit policy.");
  }

  @Test
  void aFailingFeelExpressionFailsTheEvaluation() {
    DecisionResult result = evaluator.evaluate(hitPolicies, "checked-cost", Map.of("cost", -1));

    assertThat(result.failureMessage())
        .startsWith("Expected to evaluate decision 'checked-cost', but Assertion failure")
        .contains("the cost must be a non-negative number");
    assertThat(result.failedDecisionId()).isEqualTo("checked-cost");
  }

  @Test
  void anUnknownDecisionFails() {
    DecisionResult result = evaluator.evaluate(hitPolicies, "nope", Map.of());

    assertThat(result.failureMessage())
        .isEqualTo("Expected to evaluate decision 'nope', but no decision found with id 'nope'");
    assertThat(result.failedDecisionId()).isEqualTo("nope");
    assertThat(result.evaluatedDecisions()).isEmpty();
  }

  @Test
  void literalExpressionsGiveJsonValuesAndNullVariablesAreNull() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("ticket", Map.of("id", "INC-1", "tags", List.of("vpn", "login")));
    variables.put("assignee", null);

    DecisionResult context =
        evaluator.evaluate(
            literal("{id: ticket.id, first: ticket.tags[1], nobody: assignee = null}"),
            "literal",
            variables);
    DecisionResult nothing = evaluator.evaluate(literal("null"), "literal", Map.of());

    assertThat(context.output()).isEqualTo(Map.of("id", "INC-1", "first", "vpn", "nobody", true));
    assertThat(context.evaluatedDecisions().get(0).decisionType()).isEqualTo("LITERAL_EXPRESSION");
    assertThat(nothing.isFailure()).isFalse();
    assertThat(nothing.output()).isNull();
    assertThat(nothing.outputJson()).isEqualTo("null");
  }

  @Test
  void todayIsTheInstantOfTheEvaluation() {
    DecisionResult result =
        evaluator.evaluate(
            literal("string(today())"), "literal", Map.of(), Instant.parse("2031-05-06T12:00:00Z"));

    assertThat(result.output()).isEqualTo("2031-05-06");
  }
}
