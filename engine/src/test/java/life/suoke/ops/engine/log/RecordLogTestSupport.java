package life.suoke.ops.engine.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The record log tests' fixture: one database per test class, a fresh schema with the log's tables
 * for each test ({@link #log}), and more logs on it on request ({@link #open}), all closed after
 * the test.
 */
abstract class RecordLogTestSupport {

  private static final Map<Class<?>, TestPostgres.Database> DATABASES = new ConcurrentHashMap<>();
  private static final AtomicInteger SCHEMAS = new AtomicInteger();

  /** Logs closed after the test (a test may add its own). */
  final List<RecordLog> opened = new ArrayList<>();

  TestPostgres.Database db;
  String schema;
  RecordLog log;

  /** The first part of the test schemas' names. */
  abstract String schemaPrefix();

  @BeforeEach
  void freshSchema() {
    db = DATABASES.computeIfAbsent(getClass(), TestPostgres::newDatabase);
    schema = schemaPrefix() + "_" + SCHEMAS.incrementAndGet();
    log = open();
    log.migrate();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RecordLog::close);
  }

  /** How many positions the test logs' segments span. */
  long segmentRecords() {
    return RecordLog.DEFAULT_SEGMENT_RECORDS;
  }

  /** Another log on this test's schema, closed after the test. */
  RecordLog open() {
    return open(schema, segmentRecords());
  }

  /** A log on the schema whose segments span that many positions, closed after the test. */
  RecordLog open(String schemaName, long segmentRecords) {
    RecordLog l = new RecordLog(db.jdbcUrl(), db.user(), db.password(), schemaName, segmentRecords);
    opened.add(l);
    return l;
  }
}
