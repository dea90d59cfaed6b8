package life.suoke.ops.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import life.suoke.ops.engine.log.RecordJson;
import life.suoke.ops.engine.log.RecordLog;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.RecordType;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.record.ValueType;
import life.suoke.ops.engine.record.intent.Intent;
import life.suoke.ops.engine.record.intent.JobIntent;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.VariableIntent;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Prints how many records per second this machine appends to (and replays from) a durable embedded
 * PostgreSQL (fsync and synchronous commit on), for batch sizes 1, 10, 100 and 1000.
 *
 * <p>Part 1 compares raw write methods on scratch tables: binary COPY, multi-row INSERT with reused
 * prepared statements (one per chunk size 1000/100/10/1), one INSERT over {@code unnest} of arrays,
 * and JDBC batching with the driver's {@code reWriteBatchedInserts}; with the record JSON in a
 * {@code bytea} column, or also {@code json}/{@code jsonb} ({@code --types bytea,json,jsonb}), and
 * how fast each column type reads back. Part 2 measures {@link RecordLog} itself: append per batch
 * size, replay and exporter page reads.
 *
 * <p>Run with {@code mvn -q -pl bench exec:java -Dexec.args="recordlog [--seconds 3] [--types
 * bytea,json,jsonb]"} (after {@code mvn -q -DskipTests install}). Arguments: {@code --seconds N}
 * time per measurement (default 2), {@code --rounds N} interleaved rounds per cell of part 1
 * (default 5, the median is printed), {@code --types T,...} column types of part 1 (default bytea),
 * {@code --no-matrix} to skip part 1.
 *
 * <p>Figures mean something only on an otherwise idle machine: on two cores, anything else running
 * (a build, another benchmark) halves them, and small batches depend on the disk's fsync latency.
 */
final class RecordLogBench {

  private static final int[] BATCH_SIZES = {1, 10, 100, 1000};
  private static final String COLUMNS =
      "position, source_record_position, key, timestamp, record_type, value_type, intent, data";

  public static void main(String[] args) throws Exception {
    double seconds = 2;
    int rounds = 5;
    List<String> types = List.of("bytea");
    boolean matrix = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--types" -> types = List.of(args[++i].split(","));
        case "--no-matrix" -> matrix = false;
        case "--matrix" -> matrix = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (BenchPostgres pg = BenchPostgres.start(Path.of(System.getProperty("java.io.tmpdir")))) {
      run(new Db(pg.jdbcUrl(), BenchPostgres.USER, "postgres"), seconds, rounds, types, matrix);
    }
  }

  /** How the measurements connect: the superuser, over TCP, as the engine does. */
  record Db(String jdbcUrl, String user, String password) {}

  private static void run(Db db, double seconds, int rounds, List<String> types, boolean matrix)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "cores=%d, java %s, PostgreSQL %s, fsync/synchronous_commit/full_page_writes on%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        serverVersion(db));
    List<Record> sample = sampleRecords(1000, 1);
    long jsonBytes = 0;
    for (Record r : sample) {
      jsonBytes += RecordJson.toBytes(r).length;
    }
    System.out.printf(
        Locale.ROOT,
        "sample records: mixed PROCESS_INSTANCE/JOB/VARIABLE, avg JSON %d bytes%n",
        jsonBytes / sample.size());
    jsonThroughput(sample, seconds);
    if (matrix) {
      matrix(db, seconds, rounds, types);
    }
    recordLog(db, seconds);
  }

  // ----------------------------------------------------------------------------------------------
  // JSON alone

  private static void jsonThroughput(List<Record> sample, double seconds) {
    long n = 0;
    long bytes = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    while (System.nanoTime() < end) {
      for (Record r : sample) {
        bytes += RecordJson.toBytes(r).length;
      }
      n += sample.size();
    }
    double writeRate = n / ((System.nanoTime() - start) / 1e9);
    List<byte[]> encoded = new ArrayList<>();
    for (Record r : sample) {
      encoded.add(RecordJson.toBytes(r));
    }
    n = 0;
    end = System.nanoTime() + (long) (seconds * 1e9);
    start = System.nanoTime();
    while (System.nanoTime() < end) {
      for (byte[] b : encoded) {
        bytes += RecordJson.fromBytes(b).position();
      }
      n += encoded.size();
    }
    double readRate = n / ((System.nanoTime() - start) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "RecordJson: write %,.0f records/s, read %,.0f records/s (1 thread; checksum %d)%n%n",
        writeRate,
        readRate,
        bytes % 10);
  }

  // ----------------------------------------------------------------------------------------------
  // Part 1: raw write methods x column types

  enum Method {
    COPY_BINARY,
    MULTI_ROW_INSERT,
    UNNEST_INSERT,
    JDBC_BATCH_REWRITE
  }

  private static void matrix(Db db, double seconds, int rounds, List<String> types)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "Part 1: raw append, records/s, median of %d interleaved rounds (one transaction per batch,"
            + " commit waits for fsync);%n        in brackets: CPU microseconds per record, JVM writer thread + PostgreSQL backend%n",
        rounds);
    List<Variant> variants = new ArrayList<>();
    for (String type : types) {
      for (Method method : Method.values()) {
        variants.add(new Variant(db, type, method));
      }
    }
    Map<Variant, Map<Integer, List<double[]>>> results = new LinkedHashMap<>();
    for (int size : BATCH_SIZES) {
      for (int round = 0; round < rounds; round++) {
        for (Variant v : variants) {
          double[] r = v.measure(size, seconds);
          results
              .computeIfAbsent(v, k -> new HashMap<>())
              .computeIfAbsent(size, k -> new ArrayList<>())
              .add(r);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%-8s %-20s", "column", "method");
    for (int size : BATCH_SIZES) {
      System.out.printf(Locale.ROOT, " %20s", "batch " + size);
    }
    System.out.println();
    for (Variant v : variants) {
      System.out.printf(Locale.ROOT, "%-8s %-20s", v.type, v.method);
      for (int size : BATCH_SIZES) {
        List<double[]> rs = results.get(v).get(size);
        rs.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] median = rs.get(rs.size() / 2);
        System.out.printf(Locale.ROOT, " %,10.0f [%5.1f+%5.1f]", median[0], median[1], median[2]);
      }
      System.out.println();
      v.close();
    }
    System.out.println();
    System.out.println("Read back and parse every record (cursor, fetch size 1000), records/s:");
    for (String type : types) {
      for (boolean binary :
          type.equals("bytea") ? new boolean[] {false, true} : new boolean[] {false}) {
        readBack(db, type, binary, seconds);
      }
    }
    System.out.println();
  }

  /** One write method on one column type, with its own table and connection. */
  static final class Variant implements AutoCloseable {
    final String type;
    final Method method;
    final Connection c;
    final RawWriter writer;
    final long backendPid;
    final AtomicLong position = new AtomicLong();

    Variant(Db db, String type, Method method) throws SQLException {
      this.type = type;
      this.method = method;
      String table = "bench_" + type + "_" + method.name().toLowerCase(Locale.ROOT);
      Properties props = new Properties();
      props.setProperty("user", db.user());
      props.setProperty("password", db.password());
      if (method == Method.JDBC_BATCH_REWRITE) {
        props.setProperty("reWriteBatchedInserts", "true");
      }
      c = DriverManager.getConnection(db.jdbcUrl(), props);
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE "
                + table
                + " (position BIGINT PRIMARY KEY, source_record_position BIGINT NOT NULL, key BIGINT NOT NULL,"
                + " timestamp BIGINT NOT NULL, record_type TEXT NOT NULL, value_type TEXT NOT NULL,"
                + " intent TEXT, data "
                + type
                + " NOT NULL)");
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
          rs.next();
          backendPid = rs.getLong(1);
        }
      }
      c.setAutoCommit(false);
      writer = new RawWriter(c, table, type, method);
    }

    /** records/s, client CPU us/record, server CPU us/record. */
    double[] measure(int size, double seconds) throws Exception {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long server0 = processCpuNanos(backendPid);
      long n = 0;
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        List<Record> batch = sampleRecords(size, position.get() + 1);
        position.addAndGet(size);
        writer.write(batch);
        c.commit();
        n += size;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      double client = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
      double server = (processCpuNanos(backendPid) - server0) / 1e3 / n;
      return new double[] {n / elapsed, client, server};
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU time (user + system) of a local process, from /proc; 0 where there is no /proc. */
  static long processCpuNanos(long pid) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields after the command: state(0) ... utime(11) stime(12), in clock ticks (USER_HZ = 100)
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static void readBack(Db db, String type, boolean binary, double seconds)
      throws SQLException {
    String table = "bench_" + type + "_" + Method.COPY_BINARY.name().toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      long n = 0;
      long start = System.nanoTime();
      long end = start + (long) (seconds * 1e9);
      while (System.nanoTime() < end) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT data FROM " + table + " ORDER BY position")) {
          if (binary) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
          }
          ps.setFetchSize(1000);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              byte[] bytes =
                  type.equals("bytea")
                      ? rs.getBytes(1)
                      : rs.getString(1).getBytes(StandardCharsets.UTF_8);
              n += RecordJson.fromBytes(bytes).position() > 0 ? 1 : 0;
            }
          }
        }
      }
      c.commit();
      System.out.printf(
          Locale.ROOT,
          "  %-6s %-28s %,10.0f%n",
          type,
          type.equals("bytea")
              ? (binary ? "getBytes, binary transfer" : "getBytes, text (hex) transfer")
              : "getString",
          n / ((System.nanoTime() - start) / 1e9));
    }
  }

  interface BatchWriter {
    void write(List<Record> batch) throws Exception;
  }

  private static double measure(int size, double seconds, AtomicLong position, BatchWriter writer)
      throws Exception {
    // warm-up, then measure
    long warmEnd = System.nanoTime() + (long) (Math.min(0.5, seconds / 4) * 1e9);
    while (System.nanoTime() < warmEnd) {
      writer.write(sampleRecords(size, position.get() + 1));
      position.addAndGet(size);
    }
    long n = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      List<Record> batch = sampleRecords(size, position.get() + 1);
      position.addAndGet(size);
      writer.write(batch);
      n += size;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  /** Writes records into a scratch table with one of the methods under comparison. */
  static final class RawWriter {
    private final Connection c;
    private final String table;
    private final String type;
    private final Method method;
    private final Map<Integer, PreparedStatement> multiRow = new HashMap<>();
    private PreparedStatement single;

    RawWriter(Connection c, String table, String type, Method method) {
      this.c = c;
      this.table = table;
      this.type = type;
      this.method = method;
    }

    void write(List<Record> batch) throws Exception {
      switch (method) {
        case COPY_BINARY -> copy(batch);
        case MULTI_ROW_INSERT -> multiRow(batch);
        case UNNEST_INSERT -> unnest(batch);
        case JDBC_BATCH_REWRITE -> jdbcBatch(batch);
      }
    }

    private void copy(List<Record> batch) throws SQLException, IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(batch.size() * 1024);
      DataOutputStream out = new DataOutputStream(buf);
      out.writeBytes("PGCOPY\n");
      out.write(0xFF);
      out.writeBytes("\r\n");
      out.write(0);
      out.writeInt(0);
      out.writeInt(0);
      for (Record r : batch) {
        out.writeShort(8);
        writeLong(out, r.position());
        writeLong(out, r.sourceRecordPosition());
        writeLong(out, r.key());
        writeLong(out, r.timestamp());
        writeText(out, r.recordType().name());
        writeText(out, r.valueType().name());
        writeText(out, r.intent().name());
        byte[] json = RecordJson.toBytes(r);
        if (type.equals("jsonb")) {
          out.writeInt(json.length + 1);
          out.write(1);
        } else {
          out.writeInt(json.length);
        }
        out.write(json);
      }
      out.writeShort(-1);
      CopyIn in =
          c.unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
      try {
        byte[] bytes = buf.toByteArray();
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
      } finally {
        if (in.isActive()) {
          in.cancelCopy();
        }
      }
    }

    private static void writeLong(DataOutputStream out, long v) throws IOException {
      out.writeInt(8);
      out.writeLong(v);
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    private String cast() {
      return type.equals("bytea") ? "?" : "?::" + type;
    }

    private void multiRow(List<Record> batch) throws SQLException {
      int i = 0;
      for (int chunk : new int[] {1000, 100, 10, 1}) {
        while (batch.size() - i >= chunk) {
          PreparedStatement ps = multiRow.get(chunk);
          if (ps == null) {
            StringBuilder sql =
                new StringBuilder("INSERT INTO " + table + " (" + COLUMNS + ") VALUES ");
            for (int k = 0; k < chunk; k++) {
              sql.append(k == 0 ? "" : ",").append("(?,?,?,?,?,?,?,").append(cast()).append(")");
            }
            ps = c.prepareStatement(sql.toString());
            multiRow.put(chunk, ps);
          }
          int p = 1;
          for (int k = 0; k < chunk; k++) {
            Record r = batch.get(i + k);
            ps.setLong(p++, r.position());
            ps.setLong(p++, r.sourceRecordPosition());
            ps.setLong(p++, r.key());
            ps.setLong(p++, r.timestamp());
            ps.setString(p++, r.recordType().name());
            ps.setString(p++, r.valueType().name());
            ps.setString(p++, r.intent().name());
            setData(ps, p++, r);
          }
          ps.executeUpdate();
          i += chunk;
        }
      }
    }

    private void setData(PreparedStatement ps, int p, Record r) throws SQLException {
      if (type.equals("bytea")) {
        ps.setBytes(p, RecordJson.toBytes(r));
      } else {
        ps.setString(p, RecordJson.toJson(r));
      }
    }

    private void unnest(List<Record> batch) throws SQLException {
      if (single == null) {
        String dataCast = type.equals("bytea") ? "?::bytea[]" : "?::text[]::" + type + "[]";
        single =
            c.prepareStatement(
                "INSERT INTO "
                    + table
                    + " ("
                    + COLUMNS
                    + ") SELECT * FROM unnest(?::int8[], ?::int8[], ?::int8[], ?::int8[],"
                    + " ?::text[], ?::text[], ?::text[], "
                    + dataCast
                    + ")");
      }
      int n = batch.size();
      long[] pos = new long[n];
      long[] src = new long[n];
      long[] key = new long[n];
      long[] ts = new long[n];
      String[] rt = new String[n];
      String[] vt = new String[n];
      String[] intent = new String[n];
      Object[] data = type.equals("bytea") ? new byte[n][] : new String[n];
      for (int i = 0; i < n; i++) {
        Record r = batch.get(i);
        pos[i] = r.position();
        src[i] = r.sourceRecordPosition();
        key[i] = r.key();
        ts[i] = r.timestamp();
        rt[i] = r.recordType().name();
        vt[i] = r.valueType().name();
        intent[i] = r.intent().name();
        data[i] = type.equals("bytea") ? RecordJson.toBytes(r) : RecordJson.toJson(r);
      }
      single.setObject(1, pos);
      single.setObject(2, src);
      single.setObject(3, key);
      single.setObject(4, ts);
      single.setArray(5, c.createArrayOf("text", rt));
      single.setArray(6, c.createArrayOf("text", vt));
      single.setArray(7, c.createArrayOf("text", intent));
      Array dataArray =
          type.equals("bytea")
              ? c.createArrayOf("bytea", (byte[][]) data)
              : c.createArrayOf("text", data);
      single.setArray(8, dataArray);
      single.executeUpdate();
    }

    private void jdbcBatch(List<Record> batch) throws SQLException {
      if (single == null) {
        single =
            c.prepareStatement(
                "INSERT INTO "
                    + table
                    + " ("
                    + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,"
                    + cast()
                    + ")");
      }
      for (Record r : batch) {
        single.setLong(1, r.position());
        single.setLong(2, r.sourceRecordPosition());
        single.setLong(3, r.key());
        single.setLong(4, r.timestamp());
        single.setString(5, r.recordType().name());
        single.setString(6, r.valueType().name());
        single.setString(7, r.intent().name());
        setData(single, 8, r);
        single.addBatch();
      }
      single.executeBatch();
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Part 2: RecordLog

  private static void recordLog(Db db, double seconds) throws Exception {
    System.out.println("Part 2: RecordLog (schema engine_bench), records/s");
    try (RecordLog log = new RecordLog(db.jdbcUrl(), db.user(), db.password(), "engine_bench")) {
      log.migrate();
      AtomicLong position = new AtomicLong(log.lastPosition());
      for (int size : BATCH_SIZES) {
        double rate = measure(size, seconds, position, log::append);
        System.out.printf(
            Locale.ROOT,
            "append batch %-5d %,12.0f records/s  (%,.0f commits/s)%n",
            size,
            rate,
            rate / size);
      }
      long total = log.lastPosition();
      long start = System.nanoTime();
      long[] count = {0};
      log.replay(0, r -> count[0]++);
      double replayRate = count[0] / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          Locale.ROOT, "replay %,d records    %,12.0f records/s%n", total, replayRate);
      start = System.nanoTime();
      long from = 0;
      long read = 0;
      while (true) {
        List<Record> page = log.read(from, 1000);
        if (page.isEmpty()) {
          break;
        }
        read += page.size();
        from = page.get(page.size() - 1).position();
      }
      System.out.printf(
          Locale.ROOT,
          "read pages of 1000     %,12.0f records/s%n",
          read / ((System.nanoTime() - start) / 1e9));
    }
  }

  // ----------------------------------------------------------------------------------------------
  // sample data

  /** {@code n} records shaped like a process instance's: element lifecycle, jobs, variables. */
  static List<Record> sampleRecords(int n, long firstPosition) {
    List<Record> records = new ArrayList<>(n);
    long now = System.currentTimeMillis();
    for (int i = 0; i < n; i++) {
      long position = firstPosition + i;
      long key = 2251799813685248L + position;
      Map<String, Object> value = new LinkedHashMap<>();
      ValueType valueType;
      Intent intent;
      switch ((int) (position % 4)) {
        case 0 -> {
          valueType = ValueType.JOB;
          intent = JobIntent.CREATED;
          value.put("deadline", -1L);
          value.put("processInstanceKey", key - 7);
          value.put("retries", 3L);
          value.put("retryBackoff", 0L);
          value.put("recurringTime", -1L);
          value.put("processDefinitionVersion", 1L);
          value.put("processDefinitionKey", 2251799813685249L);
          value.put("elementInstanceKey", key - 1);
          value.put("elementId", "assess_ticket");
          value.put("errorMessage", "");
          value.put("customHeaders", Map.of("priority", "high"));
          value.put("bpmnProcessId", "incident_management");
          value.put("variables", Map.of());
          value.put("type", "assess-ticket");
          value.put("errorCode", "");
          value.put("worker", "");
          value.put("tenantId", "<default>");
          value.put("jobKind", "BPMN_ELEMENT");
          value.put("jobListenerEventType", "UNSPECIFIED");
          value.put("changedAttributes", List.of());
          value.put("timeout", -1L);
        }
        case 1 -> {
          valueType = ValueType.VARIABLE;
          intent = VariableIntent.CREATED;
          value.put("name", "ticket");
          value.put(
              "value",
              "{\"id\":\"INC-" + position + "\",\"title\":\"Printer on fire\",\"priority\":2}");
          value.put("scopeKey", key - 9);
          value.put("processInstanceKey", key - 9);
          value.put("processDefinitionKey", 2251799813685249L);
          value.put("bpmnProcessId", "incident_management");
          value.put("tenantId", "<default>");
        }
        default -> {
          valueType = ValueType.PROCESS_INSTANCE;
          intent =
              position % 4 == 2
                  ? ProcessInstanceIntent.ELEMENT_ACTIVATING
                  : ProcessInstanceIntent.ELEMENT_ACTIVATED;
          value.put("bpmnElementType", "SERVICE_TASK");
          value.put("elementId", "assess_ticket");
          value.put("bpmnProcessId", "incident_management");
          value.put("version", 1L);
          value.put("processDefinitionKey", 2251799813685249L);
          value.put("processInstanceKey", key - 5);
          value.put("flowScopeKey", key - 5);
          value.put("bpmnEventType", "UNSPECIFIED");
          value.put("parentProcessInstanceKey", -1L);
          value.put("parentElementInstanceKey", -1L);
          value.put("tenantId", "<default>");
          value.put("elementInstancePath", List.of(List.of(key - 5, key)));
          value.put("processDefinitionPath", List.of(2251799813685249L));
          value.put("callingElementPath", List.of());
        }
      }
      records.add(
          new Record(
              Record.PARTITION_ID,
              position,
              position - 1,
              key,
              now,
              RecordType.EVENT,
              valueType,
              intent,
              RejectionType.NULL_VAL,
              "",
              Record.BROKER_VERSION,
              value));
    }
    return records;
  }

  private static String serverVersion(Db db) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
