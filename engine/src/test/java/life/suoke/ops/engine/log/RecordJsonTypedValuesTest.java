package life.suoke.ops.engine.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.TimerIntent;
import life.suoke.ops.engine.record.value.RecordValue;
import life.suoke.ops.engine.record.value.RecordValues;
import life.suoke.ops.engine.record.value.TimerValue;
import life.suoke.ops.engine.record.value.TypedValueSamples;
import life.suoke.ops.engine.record.value.ValueFields;
import org.junit.jupiter.api.Test;

/**
 * The JSON of records written with a typed value: {@code typed-values.jsonl} holds the bytes of
 * each of {@link TypedValueSamples#all()} and {@code typed-values.shapes} the Java types of its
 * JSON shape ({@link Record#value()}) as the engine wrote them when every value became a map first;
 * a typed value must still be written and shaped exactly so.
 */
class RecordJsonTypedValuesTest {

  private static final List<RecordValue> SAMPLES = TypedValueSamples.all();

  private static Record typed(RecordValue value) {
    return new Record(
        Record.PARTITION_ID,
        12,
        10,
        2251799813685251L,
        1_730_000_000_000L,
        RecordType.EVENT,
        Intent.values(value.valueType()).get(0),
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        value);
  }

  /** The same record made from its value's JSON shape, as commands and records read back are. */
  private static Record fromMap(RecordValue value) {
    return new Record(
        Record.PARTITION_ID,
        12,
        10,
        2251799813685251L,
        1_730_000_000_000L,
        RecordType.EVENT,
        value.valueType(),
        Intent.values(value.valueType()).get(0),
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        value.toJson());
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = RecordJsonTypedValuesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), UTF_8).lines().toList();
    }
  }

  /** The keys and Java types of a JSON shape, nested, such as {@code {version:Integer}}. */
  static String shape(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> e.getKey() + ":" + shape(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (v instanceof List<?> list) {
      return list.stream()
          .map(RecordJsonTypedValuesTest::shape)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return v.getClass().getSimpleName();
  }

  @Test
  void theSamplesHoldAValueOfEveryTypedValueType() {
    Set<ValueType> typed = EnumSet.noneOf(ValueType.class);
    for (ValueType type : ValueType.values()) {
      if (RecordValues.typed(type)) {
        typed.add(type);
      }
    }
    Set<ValueType> sampled = EnumSet.noneOf(ValueType.class);
    SAMPLES.forEach(v -> sampled.add(v.valueType()));
    assertThat(sampled).isEqualTo(typed);
  }

  @Test
  void aTypedValueIsWrittenAsTheBytesItWasWrittenAsBefore() throws IOException {
    List<String> expected = lines("typed-values.jsonl");
    assertThat(expected).hasSameSizeAs(SAMPLES);
    for (int i = 0; i < SAMPLES.size(); i++) {
      RecordValue value = SAMPLES.get(i);
      assertThat(new String(RecordJson.valueToBytes(typed(value)), UTF_8))
          .as("typed %s (sample %d)", value.valueType(), i)
          .isEqualTo(expected.get(i));
      assertThat(new String(RecordJson.valueToBytes(fromMap(value)), UTF_8))
          .as("map of %s (sample %d)", value.valueType(), i)
          .isEqualTo(expected.get(i));
    }
  }

  @Test
  void aTypedRecordIsWrittenAsTheSameRecordMadeFromItsMap() throws IOException {
    for (RecordValue value : SAMPLES) {
      Record typed = typed(value);
      Record fromMap = fromMap(value);
      assertThat(RecordJson.toBytes(typed))
          .as("%s", value.valueType())
          .isEqualTo(RecordJson.toBytes(fromMap));
      assertThat(RecordJson.toJson(typed)).isEqualTo(RecordJson.toJson(fromMap));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RecordJson.writeTo(typed, out);
      assertThat(out.toByteArray()).isEqualTo(RecordJson.toBytes(fromMap));
      assertThat(RecordJson.fromBytes(RecordJson.toBytes(typed)))
          .isEqualTo(RecordJson.fromBytes(RecordJson.toBytes(fromMap)));
    }
  }

  @Test
  void aTypedRecordsJsonShapeHasTheKeysAndJavaTypesItHadBefore() throws IOException {
    List<String> expected = lines("typed-values.shapes");
    assertThat(expected).hasSameSizeAs(SAMPLES);
    for (int i = 0; i < SAMPLES.size(); i++) {
      RecordValue value = SAMPLES.get(i);
      Record typed = typed(value);
      assertThat(shape(typed.value()))
          .as("%s (sample %d)", value.valueType(), i)
          .isEqualTo(expected.get(i));
      assertThat(shape(value.toJson())).isEqualTo(expected.get(i));
      Record fromMap = fromMap(value);
      assertThat(typed).isEqualTo(fromMap);
      assertThat(fromMap).isEqualTo(typed);
      assertThat(typed.hashCode()).isEqualTo(fromMap.hashCode());
    }
  }

  /** A timer's value that counts how often its map is made. */
  private static final class CountingTimer implements RecordValue {

    private final TimerValue timer =
        new TimerValue(11L, 10L, 9L, "p", "wait", 5_000L, 1, "<default>");
    private final AtomicInteger maps = new AtomicInteger();

    @Override
    public ValueType valueType() {
      return ValueType.TIMER;
    }

    @Override
    public void writeFields(ValueFields out) {
      timer.writeFields(out);
    }

    @Override
    public Map<String, Object> toJson() {
      maps.incrementAndGet();
      return RecordValue.super.toJson();
    }
  }

  private static Record timerRecord(RecordValue value) {
    return new Record(
        Record.PARTITION_ID,
        1,
        -1,
        12,
        0,
        RecordType.EVENT,
        TimerIntent.CREATED,
        RejectionType.NULL_VAL,
        "",
        Record.BROKER_VERSION,
        value);
  }

  @Test
  void writingATypedRecordMakesNoMapAndItsMapIsMadeOnceWhenAskedFor() throws IOException {
    CountingTimer value = new CountingTimer();
    Record record = timerRecord(value);
    byte[] bytes = RecordJson.valueToBytes(record);
    RecordJson.toBytes(record);
    RecordJson.toJson(record);
    RecordJson.writeTo(record, new ByteArrayOutputStream());
    record.hashCode();
    assertThat(value.maps).hasValue(0);
    assertThat(record.typedValue()).isSameAs(value);

    assertThat(new String(bytes, UTF_8))
        .isEqualTo(new String(RecordJson.valueToBytes(timerRecord(value.timer)), UTF_8));
    Map<String, Object> json = record.value();
    assertThat(json).isEqualTo(value.timer.toJson());
    assertThat(record.value()).isSameAs(json);
    assertThat(value.maps).hasValue(1);
  }

  @Test
  void threadsAskingForATypedRecordsMapAtOnceGetTheSameOne() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 200; round++) {
        CountingTimer value = new CountingTimer();
        Record record = timerRecord(value);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> maps = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          maps.add(
              pool.submit(
                  () -> {
                    start.await();
                    return record.value();
                  }));
        }
        start.countDown();
        Map<String, Object> first = maps.get(0).get();
        for (Future<Map<String, Object>> map : maps) {
          assertThat(map.get()).isSameAs(first);
        }
        assertThat(value.maps).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
