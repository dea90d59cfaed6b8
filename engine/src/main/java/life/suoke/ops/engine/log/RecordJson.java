package life.suoke.ops.engine.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.value.ValueFields;

/**
 * Converts a {@link Record} to and from the JSON of a record exported by Zeebe (the shape its
 * Elasticsearch/OpenSearch exporters index and {@code Record#toJson()} prints):
 *
 * <pre>{@code
 * {"partitionId":1,"position":12,"sourceRecordPosition":10,"key":2251799813685251,
 *  "timestamp":1730000000000,"recordType":"EVENT","valueType":"PROCESS_INSTANCE",
 *  "intent":"ELEMENT_ACTIVATED","rejectionType":"NULL_VAL","rejectionReason":"",
 *  "brokerVersion":"8.8.14","recordVersion":1,"operationReference":-1,
 *  "batchOperationReference":-1,"authorizations":{},"agent":null,"value":{...}}
 * }</pre>
 *
 * <p>The fields this engine does not model are written with the values Zeebe writes for a record
 * that has none: {@code recordVersion} 1, {@code operationReference} and {@code
 * batchOperationReference} -1, {@code authorizations} {@code {}}, {@code agent} null. A missing
 * rejection is written as {@code "NULL_VAL"} with an empty reason. Reading ignores fields it does
 * not know. The intent is written as its name and read back as the constant of that name of the
 * record's value type ({@link Intent#of}): a record without one, or with a name its value type does
 * not have, is refused.
 *
 * <p>Values read back are plain JSON values: objects become {@link LinkedHashMap} (member order
 * kept), arrays {@link ArrayList}, integral numbers {@link Long} (or {@link BigInteger} beyond the
 * long range), other numbers {@link Double}, plus {@link String}, {@link Boolean} and null. An
 * {@link Integer} written therefore comes back as a {@link Long}; other Java objects in a value are
 * written the way the shared {@link ObjectMapper} writes them (java.time as ISO strings) and come
 * back as the JSON they became.
 *
 * <p>A record made with a typed value (the engine's events as written, {@link Record#madeTyped()})
 * has its value written from the value's fields ({@link
 * life.suoke.ops.engine.record.value.RecordValue#writeFields}) without its map being made: each
 * field is written as the map's entry would be, so the JSON is the same byte for byte. Any other
 * record's value is written from its map.
 *
 * <p>Thread safe; all methods share one {@link ObjectMapper} and write straight to bytes.
 */
public final class RecordJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              // Characters beyond the BMP (emoji) as 4-byte UTF-8 rather than escaped surrogate
              // pairs, so that bytes and String output agree and take less room.
              JsonFactory.builder()
                  .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final JsonFactory FACTORY = MAPPER.getFactory();

  /** Zeebe's record fields this engine does not model, with the values Zeebe writes for none. */
  public static final int RECORD_VERSION = 1;

  public static final long NO_OPERATION_REFERENCE = -1L;

  private RecordJson() {}

  /** The shared mapper (java.time support, dates as ISO strings); do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The record as UTF-8 JSON bytes. */
  public static byte[] toBytes(Record record) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(record, g);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "record " + record.position() + " could not be written as JSON", e);
    }
    return out.toByteArray();
  }

  /** The record as a JSON string. */
  public static String toJson(Record record) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(record, g);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "record " + record.position() + " could not be written as JSON", e);
    }
    return out.toString();
  }

  /** Writes the record as UTF-8 JSON to {@code out}, which is left open. */
  public static void writeTo(Record record, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      write(record, g);
    }
  }

  /** Writes the record as one JSON object to the generator. */
  public static void write(Record r, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("partitionId", r.partitionId());
    g.writeNumberField("position", r.position());
    g.writeNumberField("sourceRecordPosition", r.sourceRecordPosition());
    g.writeNumberField("key", r.key());
    g.writeNumberField("timestamp", r.timestamp());
    writeEnumField(g, "recordType", r.recordType());
    writeEnumField(g, "valueType", r.valueType());
    g.writeFieldName("intent");
    g.writeString(r.intent().name());
    g.writeStringField(
        "rejectionType",
        r.rejectionType() == null ? RejectionType.NULL_VAL.name() : r.rejectionType().name());
    g.writeStringField("rejectionReason", r.rejectionReason() == null ? "" : r.rejectionReason());
    g.writeFieldName("brokerVersion");
    writeStringOrNull(g, r.brokerVersion());
    g.writeNumberField("recordVersion", RECORD_VERSION);
    g.writeNumberField("operationReference", NO_OPERATION_REFERENCE);
    g.writeNumberField("batchOperationReference", NO_OPERATION_REFERENCE);
    g.writeFieldName("authorizations");
    g.writeStartObject();
    g.writeEndObject();
    g.writeNullField("agent");
    g.writeFieldName("value");
    writeRecordValue(g, r);
    g.writeEndObject();
  }

  /**
   * Writes a record's value: a record made with a typed value from that value's fields, without
   * making its JSON shape (the same JSON, as {@link GeneratorFields} writes each field the way
   * {@link #writeValue} writes it from the map); any other record from its map, an absent one as
   * {@code {}}.
   */
  private static void writeRecordValue(JsonGenerator g, Record r) throws IOException {
    if (r.madeTyped()) {
      g.writeStartObject();
      try {
        r.typedValue().writeFields(new GeneratorFields(g));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      g.writeEndObject();
    } else if (r.value() == null) {
      g.writeStartObject();
      g.writeEndObject();
    } else {
      writeValue(g, r.value());
    }
  }

  private static void writeEnumField(JsonGenerator g, String name, Enum<?> value)
      throws IOException {
    g.writeFieldName(name);
    writeStringOrNull(g, value == null ? null : value.name());
  }

  private static void writeStringOrNull(JsonGenerator g, String value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof Float f) {
      g.writeNumber(f);
    } else if (v instanceof Object[] array) {
      g.writeStartArray();
      for (Object o : array) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      // Anything else (java.time, enums, arrays of primitives, beans) the way the mapper writes it.
      MAPPER.writeValue(g, v);
    }
  }

  /**
   * A typed value's fields written to the generator as the members of the object it stands in, each
   * the way {@link #writeValue} writes the same field from the value's map: a typed value's JSON is
   * the same whether or not its map was made. Errors of the generator come out as {@link
   * UncheckedIOException}.
   */
  private static final class GeneratorFields implements ValueFields {

    private final JsonGenerator g;

    GeneratorFields(JsonGenerator g) {
      this.g = g;
    }

    @Override
    public void put(String name, Object value) {
      try {
        g.writeFieldName(name);
        writeValue(g, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void put(String name, String value) {
      try {
        g.writeFieldName(name);
        writeStringOrNull(g, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void put(String name, long value) {
      try {
        g.writeFieldName(name);
        g.writeNumber(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void put(String name, int value) {
      try {
        g.writeFieldName(name);
        g.writeNumber(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void put(String name, boolean value) {
      try {
        g.writeFieldName(name);
        g.writeBoolean(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public <T> void putObject(String name, T part, Writer<? super T> fields) {
      try {
        g.writeFieldName(name);
        g.writeStartObject();
        fields.write(part, this);
        g.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public <T> void putObjects(String name, List<? extends T> parts, Writer<? super T> fields) {
      try {
        g.writeFieldName(name);
        if (parts == null) {
          g.writeNull();
          return;
        }
        g.writeStartArray();
        for (T part : parts) {
          g.writeStartObject();
          fields.write(part, this);
          g.writeEndObject();
        }
        g.writeEndArray();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Only the record's value as UTF-8 JSON: what the log stores beside its plain columns (the
   * envelope is rebuilt from them on read, see {@link #fromColumns}).
   */
  public static byte[] valueToBytes(Record record) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeRecordValue(g, record);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the value of record " + record.position() + " could not be written as JSON", e);
    }
    return out.toByteArray();
  }

  /**
   * A record from the log's plain columns and its value's JSON ({@link #valueToBytes}): the same
   * record {@link #fromBytes} reads from the whole record's JSON. Absent rejection columns mean
   * none ({@code NULL_VAL}, empty reason).
   */
  public static Record fromColumns(
      long position,
      long sourceRecordPosition,
      long key,
      long timestamp,
      String recordType,
      String valueType,
      String intent,
      String rejectionType,
      String rejectionReason,
      String brokerVersion,
      byte[] valueJson) {
    Map<String, Object> value;
    try (JsonParser p = FACTORY.createParser(valueJson)) {
      p.nextToken();
      value = readObject(p);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "record " + position + " has no JSON object as its value: " + e.getMessage(), e);
    }
    ValueType type = ValueType.valueOf(valueType);
    return new Record(
        Record.PARTITION_ID,
        position,
        sourceRecordPosition,
        key,
        timestamp,
        RecordType.valueOf(recordType),
        type,
        Intent.of(type, intent),
        rejectionType == null ? RejectionType.NULL_VAL : RejectionType.valueOf(rejectionType),
        rejectionReason == null ? "" : rejectionReason,
        brokerVersion,
        value);
  }

  /** Reads a record from UTF-8 JSON bytes. */
  public static Record fromBytes(byte[] json) {
    return fromBytes(json, 0, json.length);
  }

  /** Reads a record from {@code length} UTF-8 JSON bytes starting at {@code offset}. */
  public static Record fromBytes(byte[] json, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(json, offset, length)) {
      return read(p);
    } catch (IOException e) {
      throw new UncheckedIOException("not a record's JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a record from a JSON string. */
  public static Record fromJson(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      return read(p);
    } catch (IOException e) {
      throw new UncheckedIOException("not a record's JSON: " + e.getMessage(), e);
    }
  }

  /** Reads one record object from the parser, positioned before or at its START_OBJECT. */
  public static Record read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken() == null ? p.nextToken() : p.currentToken();
    if (t != JsonToken.START_OBJECT) {
      throw new IOException("expected a JSON object, found " + t);
    }
    int partitionId = Record.PARTITION_ID;
    long position = -1;
    long sourceRecordPosition = -1;
    long key = -1;
    long timestamp = -1;
    RecordType recordType = null;
    ValueType valueType = null;
    String intent = null;
    RejectionType rejectionType = RejectionType.NULL_VAL;
    String rejectionReason = "";
    String brokerVersion = null;
    Map<String, Object> value = null;
    String field;
    while ((field = p.nextFieldName()) != null) {
      JsonToken vt = p.nextToken();
      switch (field) {
        case "partitionId" -> partitionId = p.getIntValue();
        case "position" -> position = p.getLongValue();
        case "sourceRecordPosition" -> sourceRecordPosition = p.getLongValue();
        case "key" -> key = p.getLongValue();
        case "timestamp" -> timestamp = p.getLongValue();
        case "recordType" ->
            recordType = vt == JsonToken.VALUE_NULL ? null : RecordType.valueOf(p.getText());
        case "valueType" ->
            valueType = vt == JsonToken.VALUE_NULL ? null : ValueType.valueOf(p.getText());
        case "intent" -> intent = vt == JsonToken.VALUE_NULL ? null : p.getText();
        case "rejectionType" ->
            rejectionType =
                vt == JsonToken.VALUE_NULL
                    ? RejectionType.NULL_VAL
                    : RejectionType.valueOf(p.getText());
        case "rejectionReason" -> rejectionReason = vt == JsonToken.VALUE_NULL ? "" : p.getText();
        case "brokerVersion" -> brokerVersion = vt == JsonToken.VALUE_NULL ? null : p.getText();
        case "value" -> value = vt == JsonToken.VALUE_NULL ? null : readObject(p);
        default -> p.skipChildren();
      }
    }
    return new Record(
        partitionId,
        position,
        sourceRecordPosition,
        key,
        timestamp,
        recordType,
        valueType,
        Intent.of(valueType, intent),
        rejectionType,
        rejectionReason,
        brokerVersion,
        value == null ? new LinkedHashMap<>() : value);
  }

  /** Reads the object the parser stands on (START_OBJECT) as a map of plain JSON values. */
  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IOException("expected a JSON object for the value, found " + p.currentToken());
    }
    Map<String, Object> map = new LinkedHashMap<>();
    String field;
    while ((field = p.nextFieldName()) != null) {
      p.nextToken();
      map.put(field, readCurrent(p));
    }
    return map;
  }

  private static Object readCurrent(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_OBJECT:
        return readObject(p);
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readCurrent(p));
        }
        return list;
      default:
        throw new IOException("unexpected JSON token " + p.currentToken());
    }
  }
}
