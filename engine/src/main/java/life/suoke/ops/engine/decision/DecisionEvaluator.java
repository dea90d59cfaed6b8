package life.suoke.ops.engine.decision;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.feel.FeelEvaluator;
import life.suoke.ops.engine.state.JsonValues;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.FeelExpression;
import org.camunda.dmn.parser.ParsedContext;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionLogic;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedInput;
import org.camunda.dmn.parser.ParsedInvocation;
import org.camunda.dmn.parser.ParsedList;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.dmn.parser.ParsedOutput;
import org.camunda.dmn.parser.ParsedRelation;
import org.camunda.dmn.parser.ParsedRule;
import org.camunda.feel.syntaxtree.Val;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Parses DMN resources and evaluates their decisions with the DMN engine (dmn-scala, FEEL), and
 * reports the evaluation the way Zeebe records it: the output, every decision evaluated (required
 * decisions first) with the inputs of its decision table and the rules that matched, and for a
 * failure Zeebe's message ("Expected to evaluate decision 'id', but ...") and the failed decision.
 *
 * <p>All hit policies of DMN 1.3 decision tables (UNIQUE, FIRST, PRIORITY, ANY, COLLECT with or
 * without an aggregator, RULE ORDER, OUTPUT ORDER), literal expressions, contexts, lists,
 * relations, invocations of business knowledge models, and required decisions of the graph are the
 * DMN engine's. Variables are JSON-like Java values (Map, List, String, Number, Boolean, null);
 * results come back as the same kind of values (see {@link FeelEvaluator#toJsonValue}).
 *
 * <p>FEEL's {@code now()} and {@code today()} are the instant given to {@link #evaluate}. One
 * instance may be used by several threads.
 */
public final class DecisionEvaluator {

  private static final int MAX_INPUT_NAME_LENGTH = 30;

  private final DmnEngine engine;
  private final ThreadLocal<ZonedDateTime> evaluationTime = new ThreadLocal<>();

  public DecisionEvaluator() {
    this.engine =
        new DmnEngine.Builder()
            .clock(
                () -> {
                  ZonedDateTime time = evaluationTime.get();
                  return time != null ? time : ZonedDateTime.now();
                })
            .build();
  }

  // ------------------------------------------------------------------ parsing

  /**
   * Parses a DMN resource; a resource that is not valid DMN gives a graph with the parser's
   * failure.
   */
  public ParsedDrg parse(byte[] dmn) {
    if (dmn == null || dmn.length == 0) {
      return ParsedDrg.invalid("the DMN resource is empty");
    }
    try {
      Either<DmnEngine.Failure, ParsedDmn> result = engine.parse(new ByteArrayInputStream(dmn));
      if (result.isLeft()) {
        return ParsedDrg.invalid(result.left().get().message());
      }
      ParsedDmn parsed = result.right().get();
      Definitions definitions = parsed.model().getDefinitions();
      Map<String, String> names = new LinkedHashMap<>();
      for (ParsedDecision decision : CollectionConverters.asJava(parsed.decisions())) {
        names.put(decision.id(), decision.name() == null ? decision.id() : decision.name());
      }
      String name = definitions.getName();
      return new ParsedDrg(
          definitions.getId(),
          name == null ? definitions.getId() : name,
          definitions.getNamespace() == null ? "" : definitions.getNamespace(),
          Collections.unmodifiableMap(names),
          parsed,
          null);
    } catch (RuntimeException e) {
      return ParsedDrg.invalid(e.getMessage());
    } catch (StackOverflowError e) {
      return ParsedDrg.invalid(
          "Failed to parse DMN: the parser failed with a StackOverflowError. This can happen when "
              + "the decision requirements graph contains a very long chain of dependent decisions or business knowledge models.");
    }
  }

  // ------------------------------------------------------------------ evaluation

  /** Evaluates a decision at the current time. */
  public DecisionResult evaluate(ParsedDrg drg, String decisionId, Map<String, Object> variables) {
    return evaluate(drg, decisionId, variables, Instant.now());
  }

  /**
   * Evaluates a decision of the graph against the variables, with {@code now()} being {@code at}.
   * Never throws for bad decisions or data: a failure is reported in the result.
   */
  public DecisionResult evaluate(
      ParsedDrg drg, String decisionId, Map<String, Object> variables, Instant at) {
    if (!drg.isValid()) {
      return failure(
          String.format(
              "Expected to evaluate decision '%s', but the decision requirements graph is invalid",
              decisionId),
          decisionId,
          List.of());
    }
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result;
    evaluationTime.set(ZonedDateTime.ofInstant(at, ZoneId.systemDefault()));
    try {
      result = engine.eval(drg.model(), decisionId, variables == null ? Map.of() : variables);
    } catch (StackOverflowError e) {
      return failure(
          String.format(
              "Expected to evaluate decision '%s', but the evaluation failed with a StackOverflowError. "
                  + "This can happen when the decision requirements graph contains a very long chain of dependent decisions.",
              decisionId),
          decisionId,
          List.of());
    } finally {
      evaluationTime.remove();
    }
    Audit.AuditLog audit =
        result.isRight() ? result.right().get().auditLog() : result.left().get().auditLog();
    List<DecisionResult.EvaluatedDecision> evaluated =
        audit == null ? List.of() : evaluatedDecisions(audit);
    if (result.isLeft()) {
      // the last decision the audit knows of is the one that failed; otherwise the requested one
      String failed =
          evaluated.isEmpty() ? decisionId : evaluated.get(evaluated.size() - 1).decisionId();
      return failure(
          String.format(
              "Expected to evaluate decision '%s', but %s",
              decisionId, result.left().get().failure().message()),
          failed,
          evaluated);
    }
    DmnEngine.EvalResult success = result.right().get();
    Object output = success.isNil() ? null : output(audit, decisionId, success.value());
    return new DecisionResult(output, JsonValues.write(output), evaluated, null, null);
  }

  /**
   * The decision's result as a JSON-like value. The engine hands it out unpacked into Scala values;
   * the audit keeps the FEEL value itself, which converts exactly as Zeebe converts FEEL results.
   */
  private static Object output(Audit.AuditLog audit, String decisionId, Object unpacked) {
    if (audit != null) {
      Val result = null;
      for (Audit.AuditLogEntry entry : CollectionConverters.asJava(audit.entries())) {
        if (decisionId.equals(entry.id())) {
          result = entry.result().result();
        }
      }
      if (result != null) {
        return FeelEvaluator.toJsonValue(result);
      }
    }
    return unpack(unpacked);
  }

  private static Object unpack(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> entries.put(String.valueOf(k), unpack(v)));
      return entries;
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      CollectionConverters.asJava(items).forEach(item -> list.add(unpack(item)));
      return list;
    }
    return FeelEvaluator.toJsonValue(value);
  }

  private static DecisionResult failure(
      String message, String failedDecisionId, List<DecisionResult.EvaluatedDecision> evaluated) {
    return new DecisionResult(null, "null", evaluated, message, failedDecisionId);
  }

  private static List<DecisionResult.EvaluatedDecision> evaluatedDecisions(Audit.AuditLog audit) {
    List<DecisionResult.EvaluatedDecision> decisions = new ArrayList<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(audit.entries())) {
      ParsedDecisionLogic logic = entry.decisionLogic();
      Audit.EvaluationResult evaluation = entry.result();
      List<DecisionResult.EvaluatedInput> inputs = new ArrayList<>();
      List<DecisionResult.MatchedRule> rules = new ArrayList<>();
      if (evaluation instanceof Audit.DecisionTableEvaluationResult table) {
        for (Audit.EvaluatedInput input : CollectionConverters.asJava(table.inputs())) {
          inputs.add(
              new DecisionResult.EvaluatedInput(
                  input.input().id(), inputName(input.input()), json(input.value())));
        }
        List<ParsedRule> allRules = new ArrayList<>();
        if (logic instanceof ParsedDecisionTable parsed) {
          CollectionConverters.asJava(parsed.rules()).forEach(allRules::add);
        }
        for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
          List<DecisionResult.EvaluatedOutput> outputs = new ArrayList<>();
          for (Audit.EvaluatedOutput output : CollectionConverters.asJava(rule.outputs())) {
            outputs.add(
                new DecisionResult.EvaluatedOutput(
                    output.output().id(), outputName(output.output()), json(output.value())));
          }
          rules.add(
              new DecisionResult.MatchedRule(
                  rule.rule().id(), allRules.indexOf(rule.rule()) + 1, outputs));
        }
      }
      decisions.add(
          new DecisionResult.EvaluatedDecision(
              entry.id(),
              entry.name() == null ? entry.id() : entry.name(),
              decisionType(logic),
              json(evaluation.result()),
              inputs,
              rules));
    }
    return decisions;
  }

  /** The input's label; without one, its expression cut to 30 characters (as Zeebe names it). */
  private static String inputName(ParsedInput input) {
    if (input.name() != null) {
      return input.name();
    }
    if (input.expression() instanceof FeelExpression feel && feel.expression().text() != null) {
      String text = feel.expression().text();
      return text.length() > MAX_INPUT_NAME_LENGTH
          ? text.substring(0, MAX_INPUT_NAME_LENGTH)
          : text;
    }
    return "";
  }

  /** The output's label, else its name (the Modeler shows the label). */
  private static String outputName(ParsedOutput output) {
    if (output.label() != null) {
      return output.label();
    }
    return output.name() == null ? "" : output.name();
  }

  private static String decisionType(ParsedDecisionLogic logic) {
    if (logic instanceof ParsedDecisionTable) {
      return "DECISION_TABLE";
    } else if (logic instanceof ParsedLiteralExpression) {
      return "LITERAL_EXPRESSION";
    } else if (logic instanceof ParsedContext) {
      return "CONTEXT";
    } else if (logic instanceof ParsedList) {
      return "LIST";
    } else if (logic instanceof ParsedRelation) {
      return "RELATION";
    } else if (logic instanceof ParsedInvocation) {
      return "INVOCATION";
    }
    return "UNKNOWN";
  }

  private static String json(Val value) {
    return JsonValues.write(FeelEvaluator.toJsonValue(value));
  }
}
