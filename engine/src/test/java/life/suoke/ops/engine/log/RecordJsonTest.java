package life.suoke.ops.engine.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceCreationIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  static Map<String, Object> nestedValue() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("ünïcödé ключ", "值 ✓ \"quoted\" \\ back\nslash\ttab \u0000 \uD83D\uDE00");
    inner.put("nothing", null);
    inner.put("flag", Boolean.FALSE);
    inner.put("pi", 3.14159);
    inner.put("negative", -42L);
    inner.put("huge", Long.MAX_VALUE);
    inner.put("beyondLong", new BigInteger("123456789012345678901234567890"));
    inner.put("list", new ArrayList<>(Arrays.asList(1L, "two", null, true, List.of(), Map.of())));
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("bpmnProcessId", "incident_management");
    value.put("processInstanceKey", 2251799813685251L);
    value.put("elementInstancePath", List.of(List.of(2251799813685251L, 2251799813685255L)));
    value.put("customHeaders", inner);
    value.put("emptyString", "");
    value.put("tenantId", "<default>");
    return value;
  }

  static Record event(long position, Map<String, Object> value) {
    return new Record(
        Record.PARTITION_ID,
        position,
        position - 1,
        2251799813685248L + position,
        1_730_000_000_000L + position,
        RecordType.EVENT,
        ValueType.PROCESS_INSTANCE,
        ProcessInstanceIntent.ELEMENT_ACTIVATED,
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        value);
  }

  @Test
  void writesTheFieldsOfZeebesExportedRecord() throws Exception {
    Record record = event(12, Map.of("elementId", "start"));

    Map<String, Object> json = RecordJson.mapper().readValue(RecordJson.toBytes(record), MAP);

    assertThat(json)
        .containsOnlyKeys(
            "partitionId",
            "position",
            "sourceRecordPosition",
            "key",
            "timestamp",
            "recordType",
            "valueType",
            "intent",
            "rejectionType",
            "rejectionReason",
            "brokerVersion",
            "recordVersion",
            "operationReference",
            "batchOperationReference",
            "authorizations",
            "agent",
            "value");
    assertThat(json)
        .containsEntry("partitionId", 1)
        .containsEntry("position", 12)
        .containsEntry("sourceRecordPosition", 11)
        .containsEntry("key", 2251799813685260L)
        .containsEntry("timestamp", 1_730_000_000_012L)
        .containsEntry("recordType", "EVENT")
        .containsEntry("valueType", "PROCESS_INSTANCE")
        .containsEntry("intent", "ELEMENT_ACTIVATED")
        .containsEntry("rejectionType", "NULL_VAL")
        .containsEntry("rejectionReason", "")
        .containsEntry("brokerVersion", "8.8.14")
        .containsEntry("recordVersion", 1)
        .containsEntry("operationReference", -1)
        .containsEntry("batchOperationReference", -1)
        .containsEntry("authorizations", Map.of())
        .containsEntry("agent", null)
        .containsEntry("value", Map.of("elementId", "start"));
  }

  @Test
  void writesAMissingRejectionAsZeebeDoes() throws Exception {
    Record record =
        new Record(
            1,
            3,
            -1,
            -1,
            5,
            RecordType.COMMAND,
            ValueType.JOB,
            JobIntent.COMPLETE,
            null,
            null,
            null,
            null);

    Map<String, Object> json = RecordJson.mapper().readValue(RecordJson.toJson(record), MAP);

    assertThat(json)
        .containsEntry("rejectionType", "NULL_VAL")
        .containsEntry("rejectionReason", "")
        .containsEntry("brokerVersion", null)
        .containsEntry("value", Map.of());
    Record back = RecordJson.fromJson(RecordJson.toJson(record));
    assertThat(back.rejectionType()).isEqualTo(RejectionType.NULL_VAL);
    assertThat(back.rejectionReason()).isEmpty();
    assertThat(back.value()).isEmpty();
  }

  @Test
  void roundTripsEveryField() {
    Record record = event(7, nestedValue());

    assertThat(RecordJson.fromBytes(RecordJson.toBytes(record))).isEqualTo(record);
    assertThat(RecordJson.fromJson(RecordJson.toJson(record))).isEqualTo(record);
  }

  @Test
  void roundTripsARejection() {
    Record rejection =
        new Record(
            1,
            99,
            98,
            -1,
            1L,
            RecordType.COMMAND_REJECTION,
            ValueType.PROCESS_INSTANCE_CREATION,
            ProcessInstanceCreationIntent.CREATE,
            RejectionType.NOT_FOUND,
            "Expected to find process definition with process ID 'nope', but none found",
            "8.8.14",
            Map.of("bpmnProcessId", "nope", "version", -1L, "variables", Map.of()));

    Record back = RecordJson.fromBytes(RecordJson.toBytes(rejection));

    assertThat(back).isEqualTo(rejection);
  }

  @Test
  void stringAndBytesAgree() {
    Record record = event(7, nestedValue());

    assertThat(RecordJson.toJson(record))
        .isEqualTo(new String(RecordJson.toBytes(record), StandardCharsets.UTF_8));
  }

  @Test
  void writeToAppendsToAStreamAndLeavesItOpen() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    RecordJson.writeTo(event(1, Map.of()), out);
    out.write(',');
    RecordJson.writeTo(event(2, Map.of()), out);
    out.write(']');

    List<Map<String, Object>> array =
        RecordJson.mapper()
            .readValue(out.toByteArray(), new TypeReference<List<Map<String, Object>>>() {});

    assertThat(array).extracting(m -> m.get("position")).containsExactly(1, 2);
  }

  @Test
  void readsIntegersAsLongsAndOtherObjectsAsTheJsonTheyBecame() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("version", 3);
    value.put("short", (short) 4);
    value.put("at", Instant.parse("2026-01-02T03:04:05Z"));
    value.put("array", new Object[] {1, "a"});

    Record back = RecordJson.fromBytes(RecordJson.toBytes(event(1, value)));

    assertThat(back.value())
        .containsEntry("version", 3L)
        .containsEntry("short", 4L)
        .containsEntry("at", "2026-01-02T03:04:05Z")
        .containsEntry("array", List.of(1L, "a"));
  }

  @Test
  void readsARecordAsZeebeExportsItIgnoringFieldsItDoesNotModel() {
    String zeebe =
        """
        {"valueType":"JOB","key":2251799813685262,"position":27,"timestamp":1730000000123,
         "recordType":"EVENT","intent":"CREATED","partitionId":1,"rejectionType":"NULL_VAL",
         "rejectionReason":"","brokerVersion":"8.8.14","authorizations":{"foo":"bar"},
         "agent":{"elementId":"agent-element"},"recordVersion":1,"operationReference":-1,
         "batchOperationReference":-1,"sourceRecordPosition":26,"sequence":4503599627370523,
         "value":{"type":"assess-ticket","retries":3,"customHeaders":{},"deadline":-1,
                  "variables":{"x":[1.5,null]}}}
        """;

    Record record = RecordJson.fromJson(zeebe);

    assertThat(record)
        .isEqualTo(
            new Record(
                1,
                27,
                26,
                2251799813685262L,
                1730000000123L,
                RecordType.EVENT,
                ValueType.JOB,
                JobIntent.CREATED,
                RejectionType.NULL_VAL,
                "",
                "8.8.14",
                Map.of(
                    "type",
                    "assess-ticket",
                    "retries",
                    3L,
                    "customHeaders",
                    Map.of(),
                    "deadline",
                    -1L,
                    "variables",
                    Map.of("x", Arrays.asList(1.5, null)))));
  }

  @Test
  void keepsTheOrderOfValueMembers() {
    Map<String, Object> value = new LinkedHashMap<>();
    for (String k : List.of("z", "a", "m", "b")) {
      value.put(k, k);
    }

    Record back = RecordJson.fromBytes(RecordJson.toBytes(event(1, value)));

    assertThat(back.value().keySet()).containsExactly("z", "a", "m", "b");
  }

  @Test
  void refusesAnIntentThatItsValueTypeDoesNotHave() {
    String wrong = RecordJson.toJson(event(3, Map.of())).replace("ELEMENT_ACTIVATED", "CREATED");
    assertThatThrownBy(() -> RecordJson.fromJson(wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'CREATED'");
    String missing = RecordJson.toJson(event(3, Map.of())).replace("\"ELEMENT_ACTIVATED\"", "null");
    assertThatThrownBy(() -> RecordJson.fromJson(missing))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RecordJson.fromColumns(
                    3,
                    -1,
                    1,
                    1,
                    "EVENT",
                    "JOB",
                    "ELEMENT_ACTIVATED",
                    null,
                    null,
                    "8.8.14",
                    "{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JOB");
  }

  @Test
  void refusesWhatIsNotARecord() {
    assertThatThrownBy(() -> RecordJson.fromJson("[1,2]")).isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> RecordJson.fromJson("{\"position\":1,\"value\":[]}"))
        .isInstanceOf(UncheckedIOException.class);
    assertThatThrownBy(() -> RecordJson.fromJson("{\"position\":1,"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
