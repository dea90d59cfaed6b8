package life.suoke.ops.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import life.suoke.ops.engine.model.Expression;
import life.suoke.ops.engine.model.Mapping;
import org.junit.jupiter.api.Test;

class VariableMappingsTest {

  private final VariableMappings mappings = new VariableMappings(new FeelEvaluator());

  private static Mapping map(String source, String target) {
    return new Mapping(Expression.parse(source), target);
  }

  private static Map<String, Object> object(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  private static Function<String, Object> vars(Map<String, Object> variables) {
    return FeelEvaluator.lookup(variables);
  }

  // ------------------------------------------------------------------ input mappings

  @Test
  void input_createLocalVariablesFromTheScope() {
    Map<String, Object> scope =
        object(
            "customer",
            object("name", "John", "iban", "DE456"),
            "totalPrice",
            99L,
            "orderId",
            "order-123");
    MappingResult result =
        mappings.applyInputs(
            List.of(
                map("=customer.name", "sender"),
                map("=customer.iban", "iban"),
                map("=totalPrice", "price"),
                map("=orderId", "reference")),
            vars(scope));

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.variables())
        .containsExactly(
            Map.entry("sender", "John"),
            Map.entry("iban", "DE456"),
            Map.entry("price", 99L),
            Map.entry("reference", "order-123"));
  }

  @Test
  void input_nestedTargetsBuildAnObject() {
    // the documented example: customer + iban -> sender: {name, iban}
    MappingResult result =
        mappings.applyInputs(
            List.of(
                map("=customer", "sender.name"), map("=iban", "sender.iban"), map("=1", "a.b.c")),
            vars(object("customer", "John", "iban", "DE456")));

    assertThat(result.variables())
        .isEqualTo(
            object(
                "sender", object("name", "John", "iban", "DE456"),
                "a", object("b", object("c", 1L))));
  }

  @Test
  void input_nestedTargetIsNotMergedIntoTheScopeVariable() {
    MappingResult result =
        mappings.applyInputs(
            List.of(map("=\"new\"", "ticket.state")),
            vars(object("ticket", object("id", 7L, "state", "old"))));

    assertThat(result.variables()).isEqualTo(object("ticket", object("state", "new")));
  }

  @Test
  void input_laterMappingsSeeEarlierTargets() {
    MappingResult result =
        mappings.applyInputs(
            List.of(
                map("=amount * 2", "doubled"),
                map("=doubled + 1", "plusOne"),
                map("=amount", "amount"),
                map("=amount + plusOne", "sum")),
            vars(object("amount", 10L)));

    assertThat(result.variables())
        .containsExactly(
            Map.entry("doubled", 20L),
            Map.entry("plusOne", 21L),
            Map.entry("amount", 10L),
            Map.entry("sum", 31L));
  }

  @Test
  void input_staticSourceIsAStringAndMissingValuesAreNull() {
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("sender", "Peter");
    expected.put("count", "1");
    expected.put("missing", null);
    expected.put("reset", null);

    MappingResult result =
        mappings.applyInputs(
            List.of(
                map("Peter", "sender"),
                map("1", "count"),
                map("=notThere.field", "missing"),
                new Mapping(Expression.feel("null"), "reset")),
            vars(object()));

    assertThat(result.variables()).isEqualTo(expected);
  }

  @Test
  void input_aFailingMappingFailsAllWithFeelsMessage() {
    MappingResult result =
        mappings.applyInputs(
            List.of(map("=1", "ok"), map("=assert(amount, amount > 100)", "checked")),
            vars(object("amount", 5L)));

    assertThat(result.isFailure()).isTrue();
    assertThat(result.variables()).isEmpty();
    assertThat(result.failureMessage())
        .startsWith("Assertion failure on evaluate the expression 'assert(amount, amount > 100)'");
  }

  @Test
  void input_noMappingsNoVariables() {
    assertThat(mappings.applyInputs(List.of(), vars(object("a", 1L))).variables()).isEmpty();
  }

  // ------------------------------------------------------------------ output mappings

  @Test
  void output_mapResultVariablesToNewNames() {
    Map<String, Object> element =
        object("status", "Ok", "result", object("status", "Ok", "transactionId", "t-789"));
    MappingResult result =
        mappings.applyOutputs(
            List.of(
                map("=result.status", "paymentStatus"),
                map("=result.transactionId", "transactionId")),
            vars(element));

    assertThat(result.variables())
        .containsExactly(Map.entry("paymentStatus", "Ok"), Map.entry("transactionId", "t-789"));
  }

  @Test
  void output_nestedTargetMergesIntoTheExistingObject() {
    Map<String, Object> ticket =
        object("id", 7L, "state", "open", "meta", object("source", "mail", "score", 1L));
    MappingResult result =
        mappings.applyOutputs(
            List.of(
                map("=\"closed\"", "ticket.state"),
                map("=score", "ticket.meta.score"),
                map("=\"x\"", "ticket.meta.extra.flag")),
            vars(object("ticket", ticket, "score", 9L)));

    assertThat(result.variables())
        .isEqualTo(
            object(
                "ticket",
                object(
                    "id",
                    7L,
                    "state",
                    "closed",
                    "meta",
                    object("source", "mail", "score", 9L, "extra", object("flag", "x")))));
    assertThat(ticket)
        .as("the existing variable is not modified")
        .isEqualTo(
            object("id", 7L, "state", "open", "meta", object("source", "mail", "score", 1L)));
  }

  @Test
  void output_nestedTargetMergesIntoTheVariableOfTheFlowScope() {
    Map<String, Object> element =
        object("result", object("severity", "high"), "ticket", object("local", true));
    Map<String, Object> flowScope = object("ticket", object("id", 7L, "severity", "low"));

    MappingResult result =
        mappings.applyOutputs(
            List.of(map("=result.severity", "ticket.severity"), map("=ticket.severity", "echo")),
            vars(element),
            vars(flowScope));

    assertThat(result.variables())
        .isEqualTo(
            object(
                "ticket",
                object("id", 7L, "severity", "high"),
                // the source of the second mapping sees the first mapping's result (built over the
                // element's view)
                "echo",
                "high"));
  }

  @Test
  void output_nestedTargetCreatesTheObjectWhenTheVariableDoesNotExist() {
    MappingResult result = mappings.applyOutputs(List.of(map("=1", "a.b")), vars(object()));
    assertThat(result.variables()).isEqualTo(object("a", object("b", 1L)));
  }

  @Test
  void output_nestedTargetIntoAValueThatIsNotAnObjectGivesNull() {
    Map<String, Object> expected = new HashMap<>();
    expected.put("name", null);
    MappingResult result =
        mappings.applyOutputs(List.of(map("=\"x\"", "name.first")), vars(object("name", "Anna")));
    assertThat(result.variables()).isEqualTo(expected);
  }

  @Test
  void output_resultVariablesComeBeforeTheElementsVariables() {
    Map<String, Object> completion = object("approved", true, "comment", "fine");
    Map<String, Object> scope = object("approved", false, "ticket", object("id", 7L));

    MappingResult result =
        mappings.applyOutputs(
            List.of(map("=approved", "ticket.approved"), map("=comment", "lastComment")),
            completion,
            vars(scope),
            vars(scope));

    assertThat(result.variables())
        .isEqualTo(object("ticket", object("id", 7L, "approved", true), "lastComment", "fine"));
  }

  @Test
  void output_onlyMappedVariablesAreProduced() {
    MappingResult result =
        mappings.applyOutputs(
            List.of(map("=a", "x")), object("a", 1L, "b", 2L), vars(object()), vars(object()));
    assertThat(result.variables()).containsExactly(Map.entry("x", 1L));
  }

  @Test
  void output_wholeValueThenNestedTargetRebuildsFromTheExistingObject() {
    MappingResult result =
        mappings.applyOutputs(
            List.of(map("={first: 1}", "t"), map("=2", "t.second")),
            vars(object("t", object("zero", 0L))));
    // as in Zeebe: the nested target merges into the scope's value, the earlier whole value is
    // replaced
    assertThat(result.variables()).isEqualTo(object("t", object("zero", 0L, "second", 2L)));
  }

  @Test
  void output_failureStopsTheMappings() {
    MappingResult result =
        mappings.applyOutputs(List.of(map("=assert(1, false)", "x")), vars(object()));
    assertThat(result.isFailure()).isTrue();
    assertThat(result.failureMessage()).contains("The condition is not fulfilled");
  }
}
