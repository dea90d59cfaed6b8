package life.suoke.ops.engine.gateway.grpc;

import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecision;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionInput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluatedDecisionOutput;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MatchedDecisionRule;
import life.suoke.ops.engine.api.DecisionEvaluated;

/**
 * EvaluateDecision's answer in the gateway protocol, field for field as Zeebe's gateway maps the
 * record.
 */
final class DecisionResponses {

  private DecisionResponses() {}

  static EvaluateDecisionResponse toProto(DecisionEvaluated evaluated) {
    EvaluateDecisionResponse.Builder response =
        EvaluateDecisionResponse.newBuilder()
            .setDecisionKey(evaluated.decisionKey())
            .setDecisionId(evaluated.decisionId())
            .setDecisionName(evaluated.decisionName())
            .setDecisionVersion(evaluated.decisionVersion())
            .setDecisionRequirementsId(evaluated.decisionRequirementsId())
            .setDecisionRequirementsKey(evaluated.decisionRequirementsKey())
            .setDecisionOutput(evaluated.decisionOutput())
            .setFailedDecisionId(evaluated.failedDecisionId())
            .setFailureMessage(evaluated.failureMessage())
            .setTenantId(evaluated.tenantId())
            .setDecisionInstanceKey(evaluated.evaluationKey())
            .setDecisionEvaluationKey(evaluated.evaluationKey());
    for (DecisionEvaluated.EvaluatedDecision decision : evaluated.evaluatedDecisions()) {
      EvaluatedDecision.Builder each =
          EvaluatedDecision.newBuilder()
              .setDecisionKey(decision.decisionKey())
              .setDecisionId(decision.decisionId())
              .setDecisionName(decision.decisionName())
              .setDecisionVersion(decision.decisionVersion())
              .setDecisionType(decision.decisionType())
              .setDecisionOutput(decision.decisionOutput())
              .setTenantId(decision.tenantId())
              .setDecisionEvaluationInstanceKey(decision.decisionEvaluationInstanceKey());
      for (DecisionEvaluated.EvaluatedInput input : decision.evaluatedInputs()) {
        each.addEvaluatedInputs(
            EvaluatedDecisionInput.newBuilder()
                .setInputId(input.inputId())
                .setInputName(input.inputName())
                .setInputValue(input.inputValue()));
      }
      for (DecisionEvaluated.MatchedRule rule : decision.matchedRules()) {
        MatchedDecisionRule.Builder matched =
            MatchedDecisionRule.newBuilder()
                .setRuleId(rule.ruleId())
                .setRuleIndex(rule.ruleIndex());
        for (DecisionEvaluated.EvaluatedOutput output : rule.evaluatedOutputs()) {
          matched.addEvaluatedOutputs(
              EvaluatedDecisionOutput.newBuilder()
                  .setOutputId(output.outputId())
                  .setOutputName(output.outputName())
                  .setOutputValue(output.outputValue()));
        }
        each.addMatchedRules(matched);
      }
      response.addEvaluatedDecisions(each);
    }
    return response.build();
  }
}
