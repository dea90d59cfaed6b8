package life.suoke.ops.engine.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEvaluatorTest {

  static final DecisionEvaluator evaluator = new DecisionEvaluator();

  static byte[] resource(String name) {
    try (InputStream in = DecisionEvaluatorTest.class.getResourceAsStream("/dmn/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedDrg parse(String name) {
    ParsedDrg drg = evaluator.parse(resource(name));
    assertThat(drg.failure()).isNull();
    return drg;
  }

  @Test
  void explore() {
    ParsedDrg hit = parse("hit-policies.dmn");
    for (String id : hit.decisionNames().keySet()) {
      for (int cost : List.of(50, 500, 5000, 50000)) {
        DecisionResult r = evaluator.evaluate(hit, id, Map.of("cost", cost));
        System.out.println(id + " " + cost + " -> " + r.outputJson() + " | " + r.failureMessage() + " | " + r.failedDecisionId() + " | " + r.evaluatedDecisions());
      }
    }
    System.out.println(evaluator.evaluate(hit, "owner-unique", Map.of("cost", 5000)));
    System.out.println(evaluator.evaluate(hit, "checked-cost", Map.of("cost", -5)));
    System.out.println(evaluator.evaluate(hit, "checked-cost", Map.of()));
    ParsedDrg risk = parse("change-risk.dmn");
    DecisionResult r = evaluator.evaluate(risk, "change-risk", Map.of("affectedServices", 12, "customerFacing", true, "changeType", "normal"));
    System.out.println(r);
    r = evaluator.evaluate(risk, "change-risk", Map.of("affectedServices", "x", "changeType", "normal"));
    System.out.println(r);
    ParsedDrg prio = parse("incident-priority.dmn");
    System.out.println(evaluator.evaluate(prio, "incident-priority", Map.of("severity", "high", "impact", "user")));
    System.out.println(evaluator.evaluate(prio, "incident-priority", Map.of("severity", "security", "impact", "enterprise")));
    System.out.println(evaluator.evaluate(prio, "incident-priority", Map.of("severity", "none", "impact", "enterprise")));
    System.out.println(evaluator.evaluate(prio, "nope", Map.of()));
    System.out.println(evaluator.parse("<definitions/>".getBytes()));
    System.out.println(evaluator.parse("not xml".getBytes()));
  }
}
