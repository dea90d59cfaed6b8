package life.suoke.ops.engine.gateway.rest;

import io.camunda.client.protocol.rest.EvaluateDecisionResult;
import io.camunda.client.protocol.rest.EvaluatedDecisionInputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionOutputItem;
import io.camunda.client.protocol.rest.EvaluatedDecisionResult;
import io.camunda.client.protocol.rest.MatchedDecisionRuleItem;
import life.suoke.ops.engine.api.DecisionEvaluated;
import life.suoke.ops.engine.api.EngineApi;

/**
 * {@code POST /v2/decision-definitions/evaluation}: evaluates a decision, by {@code
 * decisionDefinitionId} (latest version) or by {@code decisionDefinitionKey} (exactly one of them),
 * with {@code variables} and {@code tenantId}; answers Camunda's EvaluateDecisionResult.
 */
final class DecisionEndpoints {

  private DecisionEndpoints() {}

  static void register(Router router, EngineApi engine) {
    router.post(
        "/v2/decision-definitions/evaluation",
        "EVALUATE",
        request -> {
          JsonBody body = request.json();
          String decisionId = body.text("decisionDefinitionId");
          Long decisionKey = body.key("decisionDefinitionKey");
          if (decisionKey == null && (decisionId == null || decisionId.isBlank())) {
            throw RestProblem.invalidArgument(
                "At least one of [decisionDefinitionId, decisionDefinitionKey] is required.");
          }
          if (decisionKey != null && decisionId != null) {
            throw RestProblem.invalidArgument(
                "Only one of [decisionDefinitionId, decisionDefinitionKey] is allowed.");
          }
          String tenantId = Tenants.orDefault(body.text("tenantId"));
          return engine
              .evaluateDecision(
                  decisionKey == null ? -1 : decisionKey,
                  decisionId,
                  body.variables("variables"),
                  tenantId)
              .thenApply(evaluated -> RestResponse.ok(toRest(evaluated)));
        });
  }

  private static EvaluateDecisionResult toRest(DecisionEvaluated evaluated) {
    EvaluateDecisionResult result =
        new EvaluateDecisionResult()
            .decisionDefinitionId(evaluated.decisionId())
            .decisionDefinitionKey(String.valueOf(evaluated.decisionKey()))
            .decisionDefinitionName(evaluated.decisionName())
            .decisionDefinitionVersion(evaluated.decisionVersion())
            .decisionRequirementsId(evaluated.decisionRequirementsId())
            .decisionRequirementsKey(String.valueOf(evaluated.decisionRequirementsKey()))
            .output(evaluated.decisionOutput())
            .failedDecisionDefinitionId(emptyToNull(evaluated.failedDecisionId()))
            .failureMessage(emptyToNull(evaluated.failureMessage()))
            .tenantId(evaluated.tenantId())
            .decisionInstanceKey(String.valueOf(evaluated.evaluationKey()))
            .decisionEvaluationKey(String.valueOf(evaluated.evaluationKey()));
    for (DecisionEvaluated.EvaluatedDecision decision : evaluated.evaluatedDecisions()) {
      EvaluatedDecisionResult each =
          new EvaluatedDecisionResult()
              .decisionDefinitionId(decision.decisionId())
              .decisionDefinitionKey(String.valueOf(decision.decisionKey()))
              .decisionDefinitionName(decision.decisionName())
              .decisionDefinitionVersion(decision.decisionVersion())
              .decisionDefinitionType(decision.decisionType())
              .decisionEvaluationInstanceKey(decision.decisionEvaluationInstanceKey())
              .output(decision.decisionOutput())
              .tenantId(decision.tenantId())
              .evaluatedInputs(
                  decision.evaluatedInputs().stream()
                      .map(
                          input ->
                              new EvaluatedDecisionInputItem()
                                  .inputId(input.inputId())
                                  .inputName(input.inputName())
                                  .inputValue(input.inputValue()))
                      .toList())
              .matchedRules(
                  decision.matchedRules().stream()
                      .map(
                          rule ->
                              new MatchedDecisionRuleItem()
                                  .ruleId(rule.ruleId())
                                  .ruleIndex(rule.ruleIndex())
                                  .evaluatedOutputs(
                                      rule.evaluatedOutputs().stream()
                                          .map(
                                              output ->
                                                  new EvaluatedDecisionOutputItem()
                                                      .outputId(output.outputId())
                                                      .outputName(output.outputName())
                                                      .outputValue(output.outputValue()))
                                          .toList()))
                      .toList());
      result.addEvaluatedDecisionsItem(each);
    }
    return result;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
