package life.suoke.ops.engine.record.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.value.BatchOperationChunkValue.Item;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue.Instruction;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue.MigrationPlan;
import life.suoke.ops.engine.record.value.BatchOperationCreationValue.ModificationPlan;
import life.suoke.ops.engine.record.value.BatchOperationExecutionValue.ItemResult;

/**
 * Typed values of every value type that has one, for tests of their JSON: each with nested JSON of
 * every kind the engine puts in a value (objects, arrays, 32- and 64-bit integers, decimals,
 * booleans, nulls, strings to escape, characters beyond the BMP), and the optional fields both
 * present and absent.
 */
public final class TypedValueSamples {

  private TypedValueSamples() {}

  /** Variables as a document holds them: every JSON kind, nested. */
  public static Map<String, Object> variables() {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", "Nanjing Road 1");
    address.put("zip", 200001);
    address.put("verified", true);
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("orderId", "o-1");
    variables.put("amount", 12.5);
    variables.put("count", 3);
    variables.put("big", 9_007_199_254_740_993L);
    variables.put("beyondLong", new BigInteger("123456789012345678901234567890"));
    variables.put("price", new BigDecimal("19.990"));
    variables.put("nothing", null);
    variables.put("approved", false);
    variables.put("ünïcödé ключ", "值 ✓ \"quoted\" \\ back\nslash\ttab \u0000 \uD83D\uDE00");
    variables.put("address", address);
    variables.put(
        "items", new ArrayList<>(Arrays.asList(1, 2L, "three", null, List.of(), Map.of())));
    variables.put("at", Instant.parse("2025-01-02T03:04:05Z"));
    return variables;
  }

  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  public static JobValue job(Map<String, Object> result) {
    return new JobValue(
        "payment",
        "worker-1",
        3,
        1_000L,
        -1L,
        1_730_000_300_000L,
        300_000L,
        "",
        "",
        object("region", "eu", "priority", "7"),
        variables(),
        "charge",
        2251799813685260L,
        "order_process",
        2,
        2251799813685249L,
        2251799813685255L,
        "<default>",
        "BPMN_ELEMENT",
        "UNSPECIFIED",
        result);
  }

  public static UserTaskValue userTask(String deniedReason) {
    return new UserTaskValue(
        2251799813685270L,
        "demo",
        List.of("ops", "finance"),
        List.of(),
        "2025-01-02T03:04:05Z",
        "",
        -1L,
        List.of("assignee"),
        variables(),
        "assign",
        "",
        2251799813685255L,
        2251799813685269L,
        "approve",
        "Approve ✓",
        "order_process",
        2251799813685249L,
        2,
        "<default>",
        1_730_000_000_000L,
        50,
        deniedReason);
  }

  /** One value or more of every typed value type, the optional fields present and absent. */
  public static List<RecordValue> all() {
    List<RecordValue> all = new ArrayList<>();
    all.add(
        new ProcessInstanceValue(
            "order_process",
            2,
            2251799813685249L,
            2251799813685255L,
            "charge",
            2251799813685255L,
            "SERVICE_TASK",
            "UNSPECIFIED",
            -1L,
            -1L,
            "<default>"));
    all.add(job(null));
    all.add(job(object("denied", false, "correctedAttributes", List.of("assignee"))));
    all.add(
        new JobBatchValue(
            "payment",
            "worker-1",
            300_000L,
            10,
            List.of("<default>"),
            false,
            List.of(2251799813685260L, 2251799813685261L),
            List.of(job(null), job(object("denied", true)))));
    all.add(
        new JobBatchValue(
            "payment", "worker-1", 300_000L, 10, List.of(), true, List.of(), List.of()));
    all.add(userTask(null));
    all.add(userTask("not yet"));
    all.add(
        new IncidentValue(
            "JOB_NO_RETRIES",
            "No more retries left.",
            "order_process",
            2251799813685249L,
            2251799813685255L,
            "charge",
            2251799813685260L,
            2251799813685262L,
            2251799813685260L,
            "<default>",
            List.of(List.of(2251799813685255L, 2251799813685260L)),
            List.of(2251799813685249L),
            List.of()));
    all.add(
        new TimerValue(
            2251799813685260L,
            2251799813685255L,
            2251799813685249L,
            "order_process",
            "wait",
            1_730_000_005_000L,
            -1,
            "<default>"));
    all.add(
        new MessageValue(
            "payment-received", "o-1", "", 60_000L, variables(), 1_730_000_060_000L, "<default>"));
    all.add(
        new ProcessMessageSubscriptionValue(
            2251799813685260L,
            2251799813685255L,
            2251799813685249L,
            "order_process",
            "await_payment",
            "payment-received",
            "o-1",
            2251799813685263L,
            variables(),
            true,
            "<default>"));
    all.add(
        new MessageStartEventSubscriptionValue(
            2251799813685249L,
            "order_process",
            "start",
            "order-placed",
            -1L,
            "",
            -1L,
            Map.of(),
            "<default>"));
    all.add(
        new VariableValue(
            "address",
            "{\"street\":\"Nanjing Road 1\",\"emoji\":\"\uD83D\uDE00\"}",
            2251799813685255L,
            2251799813685255L,
            2251799813685249L,
            "order_process",
            "<default>"));
    all.add(
        new ProcessValue(
            "order_process",
            2,
            null,
            2251799813685249L,
            "order.bpmn",
            "b2c1",
            "<definitions/>",
            2251799813685248L,
            false,
            "<default>"));
    all.add(
        new DecisionValue(
            "discount",
            "Discount",
            1,
            "v1",
            2251799813685251L,
            "pricing",
            2251799813685250L,
            "pricing.dmn",
            "c3d4",
            "<definitions/>",
            2251799813685248L,
            true,
            "<default>"));
    all.add(
        new DecisionValue(
            "discount",
            "Discount",
            1,
            "",
            2251799813685251L,
            "pricing",
            2251799813685250L,
            "pricing.dmn",
            "c3d4",
            null,
            2251799813685248L,
            false,
            "<default>"));
    all.add(
        new DecisionRequirementsValue(
            "pricing",
            "Pricing",
            1,
            2251799813685250L,
            "http://camunda.org/schema/1.0/dmn",
            "pricing.dmn",
            "c3d4",
            "<definitions/>",
            2251799813685248L,
            false,
            "<default>"));
    all.add(
        new FormValue(
            "approval",
            3,
            "",
            2251799813685252L,
            "approval.form",
            "e5f6",
            "{\"components\":[]}",
            2251799813685248L,
            false,
            "<default>"));
    all.add(
        new SignalSubscriptionValue(
            "alarm",
            "catch_alarm",
            2251799813685260L,
            "order_process",
            2251799813685249L,
            2251799813685255L,
            false,
            "<default>"));
    all.add(
        new CompensationSubscriptionValue(
            "<default>",
            2251799813685255L,
            2251799813685249L,
            "charge",
            2251799813685255L,
            2251799813685260L,
            "refund",
            -1L,
            "",
            -1L,
            variables()));
    all.add(
        new ProcessEventValue(
            2251799813685255L,
            "start",
            variables(),
            2251799813685249L,
            2251799813685255L,
            "<default>"));
    all.add(new ClockValue(1_730_000_000_000L));
    all.add(
        new AdHocSubProcessInstructionValue(
            "2251799813685264",
            List.of(object("elementId", "review", "variables", variables())),
            true,
            false,
            "<default>"));
    all.add(
        new BatchOperationCreationValue(
            2251799813685280L,
            "MIGRATE_PROCESS_INSTANCE",
            "{\"processDefinitionKey\":2251799813685249}",
            new MigrationPlan(
                2251799813685290L,
                List.of(new Instruction("charge", "charge2"), new Instruction("wait", "wait"))),
            new ModificationPlan(List.of(new Instruction("a", "b"))),
            List.of(1L)));
    all.add(
        new BatchOperationCreationValue(
            2251799813685281L,
            "CANCEL_PROCESS_INSTANCE",
            "{}",
            new MigrationPlan(-1L, List.of()),
            new ModificationPlan(List.of()),
            List.of()));
    all.add(new BatchOperationInitializationValue(2251799813685280L, "", 100, null));
    all.add(new BatchOperationInitializationValue(2251799813685280L, "cursor-2", 100, 250));
    all.add(
        new BatchOperationChunkValue(
            2251799813685280L,
            List.of(
                new Item(2251799813685255L, 2251799813685255L),
                new Item(2251799813685256L, 2251799813685256L))));
    all.add(
        new BatchOperationExecutionValue(
            2251799813685280L, List.of(2251799813685255L), null, null, null));
    all.add(
        new BatchOperationExecutionValue(
            2251799813685280L,
            List.of(2251799813685255L, 2251799813685256L),
            1,
            1,
            List.of(
                new ItemResult(2251799813685255L, 2251799813685255L, "COMPLETED", ""),
                new ItemResult(2251799813685256L, 2251799813685256L, "FAILED", "gone"))));
    all.add(
        new BatchOperationLifecycleValue(
            2251799813685280L,
            List.of(object("partitionId", 1, "type", "QUERY_FAILED", "message", "boom"))));
    all.add(
        new DeploymentValue(
            List.of(object("resourceName", "order.bpmn", "resource", "PGRlZmluaXRpb25zLz4=")),
            List.of(
                object(
                    "bpmnProcessId",
                    "order_process",
                    "version",
                    2,
                    "processDefinitionKey",
                    2251799813685249L,
                    "duplicate",
                    false)),
            List.of(),
            List.of(),
            List.of(),
            2251799813685248L,
            "<default>"));
    all.add(
        new DecisionEvaluationValue(
            2251799813685251L,
            "discount",
            "Discount",
            1,
            2251799813685250L,
            "pricing",
            "0.1",
            variables(),
            List.of(
                object(
                    "decisionId",
                    "discount",
                    "decisionOutput",
                    "0.1",
                    "matchedRules",
                    List.of(object("ruleId", "r1", "ruleIndex", 1)))),
            null,
            "",
            "order_process",
            2251799813685249L,
            2251799813685255L,
            "decide",
            2251799813685265L,
            "<default>"));
    all.add(
        new ProcessInstanceCreationValue(
            "order_process",
            -1,
            2251799813685249L,
            2251799813685255L,
            variables(),
            List.of(object("elementId", "charge")),
            "<default>"));
    all.add(
        new ProcessInstanceMigrationValue(
            2251799813685255L,
            2251799813685290L,
            List.of(object("sourceElementId", "charge", "targetElementId", "charge2")),
            "<default>"));
    all.add(
        new ProcessInstanceModificationValue(
            2251799813685255L,
            List.of(
                object(
                    "elementId",
                    "charge",
                    "ancestorScopeKey",
                    -1L,
                    "variableInstructions",
                    List.of())),
            List.of(object("elementInstanceKey", 2251799813685260L)),
            List.of(2251799813685266L),
            "<default>"));
    all.add(new ResourceDeletionValue(2251799813685249L, "<default>"));
    all.add(new VariableDocumentValue(2251799813685255L, "PROPAGATE", variables()));
    all.add(
        new MessageCorrelationValue(
            "payment-received", "o-1", variables(), 2251799813685255L, -1L, "<default>"));
    all.add(new SignalValue("alarm", variables(), "<default>"));
    all.add(
        new EscalationValue(2251799813685255L, "LATE", "throw_late", "catch_late", "<default>"));
    return all;
  }
}
