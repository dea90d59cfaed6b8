package life.suoke.ops.engine.processing.bpmn.behavior;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.api.DecisionEvaluated;
import life.suoke.ops.engine.decision.DecisionEvaluator;
import life.suoke.ops.engine.decision.DecisionResult;
import life.suoke.ops.engine.decision.ParsedDrg;
import life.suoke.ops.engine.model.CalledDecision;
import life.suoke.ops.engine.model.DeploymentRejectedException;
import life.suoke.ops.engine.model.ExecutableBusinessRuleTask;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.DecisionEvaluationIntent;
import life.suoke.ops.engine.record.value.DecisionEvaluationValue;
import life.suoke.ops.engine.state.DeployedResource;
import life.suoke.ops.engine.state.ElementInstance;
import life.suoke.ops.engine.state.EngineState;
import life.suoke.ops.engine.state.ProcessDefinition;

/**
 * Decisions at runtime, with Zeebe's semantics: finds the decision to evaluate (latest version by
 * id, by key, or the version deployed with the calling process), evaluates it in its decision
 * requirements graph (parsed once per graph and cached), and writes the DECISION_EVALUATION event,
 * EVALUATED or FAILED. Serves the business rule tasks that call a decision and the EvaluateDecision
 * command.
 *
 * <p>The cache holds no state of its own: an entry is the parse of a deployed resource and is used
 * only while the state holds that very resource under its key.
 */
public final class DecisionBehavior {

  private static final String DECISION = ValueType.DECISION.name();

  private final ExpressionBehavior expressions;
  private final DecisionEvaluator evaluator = new DecisionEvaluator();
  private final Map<Long, Drg> graphs = new HashMap<>();

  /** A deployed graph, parsed, with its deployed decisions by id. */
  private record Drg(
      DeployedResource resource, ParsedDrg parsed, Map<String, DeployedResource> decisions) {}

  DecisionBehavior(ExpressionBehavior expressions) {
    this.expressions = expressions;
  }

  /**
   * Rejects a DMN resource the decision engine cannot parse, as Zeebe does ("'file.dmn': reason").
   */
  public void checkDeployable(String resourceName, byte[] content) {
    ParsedDrg parsed = evaluator.parse(content);
    if (!parsed.isValid()) {
      throw new DeploymentRejectedException(
          String.format("'%s': %s", resourceName, parsed.failure()));
    }
  }

  // ------------------------------------------------------------------ business rule tasks

  /**
   * Evaluates the decision a business rule task calls, in the task's scope (after its input
   * mappings). Returns the result variable, or the failure: the decision id expression failed
   * (EXTRACT_VALUE_ERROR), no such decision is deployed (CALLED_DECISION_ERROR), or the evaluation
   * failed (DECISION_EVALUATION_ERROR, after the FAILED record).
   */
  public Outcome<Map<String, Object>> evaluateCalledDecision(
      ProcessingContext ctx, ElementInstance instance) {
    CalledDecision called = instance.element(ExecutableBusinessRuleTask.class).calledDecision();
    return Outcome.evaluate(
            ErrorType.EXTRACT_VALUE_ERROR,
            () -> expressions.string(ctx.state(), called.decisionId(), instance.key))
        .flatMap(decisionId -> evaluateCalledDecision(ctx, instance, called, decisionId));
  }

  private Outcome<Map<String, Object>> evaluateCalledDecision(
      ProcessingContext ctx, ElementInstance instance, CalledDecision called, String decisionId) {
    EngineState state = ctx.state();
    DeployedResource decision;
    String notFound;
    if ("deployment".equals(called.bindingType())) {
      ProcessDefinition process = state.process(instance.processDefinitionKey());
      decision =
          decisionInDeployment(state, instance.tenantId, decisionId, process.deploymentKey());
      notFound =
          String.format(
              "Expected to evaluate decision '%s' with binding type 'deployment', but no such decision found in"
                  + " the deployment with key %d which contained the current process. To resolve this incident, migrate the process"
                  + " instance to a process definition that is deployed together with the intended decision to evaluate.",
              decisionId, process.deploymentKey());
    } else {
      // binding by version tag: the latest version (see the README's known differences)
      decision = state.latestResource(DECISION, instance.tenantId, decisionId);
      notFound =
          String.format(
              "Expected to evaluate decision '%s', but no decision found for id '%s'",
              decisionId, decisionId);
    }
    Drg drg = decision == null ? null : graphOf(state, decision);
    if (decision == null || drg == null) {
      return Outcome.failure(
          ErrorType.CALLED_DECISION_ERROR, decision == null ? notFound : noGraph(decisionId));
    }
    DecisionResult result =
        evaluator.evaluate(
            drg.parsed(),
            decision.resourceId(),
            state.visibleVariables(instance.key),
            Instant.ofEpochMilli(ctx.now()));
    long key = state.nextKey();
    DecisionEvaluated evaluated = evaluated(key, decision, drg, result);
    DecisionEvaluationValue value =
        recordValue(
            evaluated,
            instance.bpmnProcessId(),
            instance.processDefinitionKey(),
            instance.processInstanceKey,
            instance.element().id(),
            instance.key);
    ctx.event(
        result.isFailure() ? DecisionEvaluationIntent.FAILED : DecisionEvaluationIntent.EVALUATED,
        key,
        value);
    if (result.isFailure()) {
      return Outcome.failure(ErrorType.DECISION_EVALUATION_ERROR, result.failureMessage());
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(called.resultVariable(), result.output());
    return Outcome.success(variables);
  }

  private static DeployedResource decisionInDeployment(
      EngineState state, String tenantId, String decisionId, long deploymentKey) {
    for (DeployedResource resource : state.resources()) {
      if (resource.kind().equals(DECISION)
          && resource.deploymentKey() == deploymentKey
          && resource.resourceId().equals(decisionId)
          && resource.tenantId().equals(tenantId)) {
        return resource;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ the EvaluateDecision command

  /**
   * Evaluates a decision on request: by id (latest version) when an id is given, else by key.
   * Rejects an unknown decision (NOT_FOUND) and a request with neither (INVALID_ARGUMENT) with
   * Zeebe's messages; a failing evaluation is written as FAILED and answered, not rejected.
   */
  public DecisionEvaluated evaluate(
      ProcessingContext ctx,
      long decisionKey,
      String decisionId,
      Map<String, Object> variables,
      String tenantId) {
    EngineState state = ctx.state();
    DeployedResource decision;
    String name;
    if (decisionId != null && !decisionId.isEmpty()) {
      name = decisionId;
      decision = state.latestResource(DECISION, tenantId, decisionId);
      if (decision == null) {
        throw Rejection.notFound(
            "Expected to evaluate decision '%s', but no decision found for id '%s'",
            decisionId, decisionId);
      }
    } else if (decisionKey > -1) {
      name = String.valueOf(decisionKey);
      decision = state.resource(decisionKey);
      if (decision == null
          || !decision.kind().equals(DECISION)
          || !decision.tenantId().equals(tenantId)) {
        throw Rejection.notFound(
            "Expected to evaluate decision '%d', but no decision found for key '%d'",
            decisionKey, decisionKey);
      }
    } else {
      throw Rejection.invalidArgument(
          "Expected either a decision id or a valid decision key, but none provided");
    }
    Drg drg = graphOf(state, decision);
    if (drg == null) {
      throw new Rejection(RejectionType.NOT_FOUND, noGraph(name));
    }
    DecisionResult result =
        evaluator.evaluate(
            drg.parsed(), decision.resourceId(), variables, Instant.ofEpochMilli(ctx.now()));
    long key = state.nextKey();
    DecisionEvaluated evaluated = evaluated(key, decision, drg, result);
    ctx.event(
        result.isFailure() ? DecisionEvaluationIntent.FAILED : DecisionEvaluationIntent.EVALUATED,
        key,
        recordValue(evaluated, "", -1L, -1L, "", -1L));
    return evaluated;
  }

  private static String noGraph(String decision) {
    return String.format(
        "Expected to evaluate decision '%s', but no drg found for the decision", decision);
  }

  // ------------------------------------------------------------------ graphs

  /** Drops the parse of a deleted graph (it would not be used again, only kept). */
  public void forget(long decisionRequirementsKey) {
    graphs.remove(decisionRequirementsKey);
  }

  /** The parsed graph of a deployed decision, or null if the graph is missing from the state. */
  private Drg graphOf(EngineState state, DeployedResource decision) {
    long drgKey = state.decisionRequirementsKey(decision.key());
    DeployedResource resource = drgKey == -1 ? null : state.resource(drgKey);
    if (resource == null) {
      return null;
    }
    Drg cached = graphs.get(drgKey);
    if (cached != null
        && cached.resource() == resource
        && cached.decisions().containsKey(decision.resourceId())) {
      return cached;
    }
    Map<String, DeployedResource> decisions = new HashMap<>();
    for (DeployedResource candidate : state.resources()) {
      if (candidate.kind().equals(DECISION)
          && state.decisionRequirementsKey(candidate.key()) == drgKey) {
        decisions.put(candidate.resourceId(), candidate);
      }
    }
    ParsedDrg parsed =
        cached != null && cached.resource() == resource
            ? cached.parsed()
            : evaluator.parse(resource.resource());
    Drg drg = new Drg(resource, parsed, decisions);
    graphs.put(drgKey, drg);
    return drg;
  }

  // ------------------------------------------------------------------ the record

  private static DecisionEvaluated evaluated(
      long key, DeployedResource decision, Drg drg, DecisionResult result) {
    List<DecisionEvaluated.EvaluatedDecision> evaluatedDecisions = new ArrayList<>();
    int index = 1;
    for (DecisionResult.EvaluatedDecision each : result.evaluatedDecisions()) {
      DeployedResource deployed = drg.decisions().get(each.decisionId());
      List<DecisionEvaluated.EvaluatedInput> inputs =
          each.evaluatedInputs().stream()
              .map(
                  i ->
                      new DecisionEvaluated.EvaluatedInput(
                          i.inputId(), i.inputName(), i.inputValueJson()))
              .toList();
      List<DecisionEvaluated.MatchedRule> rules =
          each.matchedRules().stream()
              .map(
                  r ->
                      new DecisionEvaluated.MatchedRule(
                          r.ruleId(),
                          r.ruleIndex(),
                          r.evaluatedOutputs().stream()
                              .map(
                                  o ->
                                      new DecisionEvaluated.EvaluatedOutput(
                                          o.outputId(), o.outputName(), o.outputValueJson()))
                              .toList()))
              .toList();
      evaluatedDecisions.add(
          new DecisionEvaluated.EvaluatedDecision(
              key + "-" + index++,
              deployed == null ? -1 : deployed.key(),
              each.decisionId(),
              each.decisionName(),
              deployed == null ? -1 : deployed.version(),
              each.decisionType(),
              each.outputJson(),
              inputs,
              rules,
              decision.tenantId()));
    }
    String name = drg.parsed().decisionName(decision.resourceId());
    return new DecisionEvaluated(
        key,
        decision.key(),
        decision.resourceId(),
        name == null ? decision.resourceId() : name,
        decision.version(),
        drg.resource().resourceId(),
        drg.resource().key(),
        result.isFailure() ? "null" : result.outputJson(),
        evaluatedDecisions,
        result.isFailure() ? result.failureMessage() : "",
        result.isFailure() ? result.failedDecisionId() : "",
        decision.tenantId());
  }

  /**
   * The value of the DECISION_EVALUATION record, with Zeebe's fields (the process fields unset).
   */
  /**
   * The record of an evaluation; one by a business rule task names its element, one on request
   * names none ({@code ""} and -1).
   */
  private static DecisionEvaluationValue recordValue(
      DecisionEvaluated evaluated,
      String bpmnProcessId,
      long processDefinitionKey,
      long processInstanceKey,
      String elementId,
      long elementInstanceKey) {
    List<Object> decisions = new ArrayList<>();
    for (DecisionEvaluated.EvaluatedDecision each : evaluated.evaluatedDecisions()) {
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("decisionId", each.decisionId());
      decision.put("decisionEvaluationInstanceKey", each.decisionEvaluationInstanceKey());
      decision.put("decisionName", each.decisionName());
      decision.put("decisionKey", each.decisionKey());
      decision.put("decisionVersion", each.decisionVersion());
      decision.put("decisionType", each.decisionType());
      decision.put("decisionOutput", each.decisionOutput());
      List<Map<String, Object>> inputs = new ArrayList<>();
      for (DecisionEvaluated.EvaluatedInput input : each.evaluatedInputs()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("inputId", input.inputId());
        entry.put("inputName", input.inputName());
        entry.put("inputValue", input.inputValue());
        inputs.add(entry);
      }
      decision.put("evaluatedInputs", inputs);
      List<Map<String, Object>> rules = new ArrayList<>();
      for (DecisionEvaluated.MatchedRule rule : each.matchedRules()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("ruleId", rule.ruleId());
        entry.put("ruleIndex", rule.ruleIndex());
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (DecisionEvaluated.EvaluatedOutput output : rule.evaluatedOutputs()) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("outputId", output.outputId());
          out.put("outputName", output.outputName());
          out.put("outputValue", output.outputValue());
          outputs.add(out);
        }
        entry.put("evaluatedOutputs", outputs);
        rules.add(entry);
      }
      decision.put("matchedRules", rules);
      decision.put("tenantId", each.tenantId());
      decisions.add(decision);
    }
    return new DecisionEvaluationValue(
        evaluated.decisionKey(),
        evaluated.decisionId(),
        evaluated.decisionName(),
        evaluated.decisionVersion(),
        evaluated.decisionRequirementsKey(),
        evaluated.decisionRequirementsId(),
        evaluated.decisionOutput(),
        Map.of(),
        decisions,
        evaluated.failedDecisionId(),
        evaluated.failureMessage(),
        bpmnProcessId,
        processDefinitionKey,
        processInstanceKey,
        elementId,
        elementInstanceKey,
        evaluated.tenantId());
  }
}
