package life.suoke.ops.backend.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Copies the audit trail into search ({@link AuditIndex}), following the table by sequence number
 * from a durable position ({@code audit_index_position}, row {@value #INDEXER}): a page of rows
 * after the position, one bulk request (document id = seq, so a page sent again overwrites rather
 * than duplicates), then the position moves to the page's last row. Any failure (search down, a
 * refused document) retries the same page after 200 ms doubling to 30 s; nothing is skipped. After
 * a page that was not full it waits {@code suoke.audit.index.delay-millis} (500) so that rows
 * gather into fewer, larger bulks under load; when there was nothing new, {@code idle-millis}
 * (100). The chain itself stays in PostgreSQL: search only serves the auditors' queries. {@code
 * suoke.audit.index.enabled=false} turns it off.
 *
 * <p>The engine's events that the engine's search exporter indexes in Zeebe's layout ({@link
 * EngineEventsInSearch}) are not indexed again here: the pages leave them out, and the position
 * still moves past them (to the newest row seen when a page is not full), so a long run of engine
 * rows is not read again by every page.
 */
@Component
@ConditionalOnProperty(
    name = "suoke.audit.index.enabled",
    havingValue = "true",
    matchIfMissing = true)
class AuditIndexer implements SmartLifecycle {

  /**
   * The position row of the index's layout ({@link AuditIndex#NAME}); a new layout starts from the
   * beginning.
   */
  static final String INDEXER = "search-3";

  private static final Logger log = LoggerFactory.getLogger(AuditIndexer.class);
  private static final long INITIAL_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  private final ElasticsearchClient client;
  private final JdbcTemplate jdbc;
  private final int pageSize;
  private final long idleMillis;
  private final long delayMillis;
  private final String[] exportedEngineTypes;
  private volatile Thread thread;
  private volatile boolean running;
  private volatile long indexedSeq = -1;
  private volatile int consecutiveFailures;

  AuditIndexer(
      ElasticsearchClient client,
      JdbcTemplate jdbc,
      @Value("${suoke.audit.index.page-size:2000}") int pageSize,
      @Value("${suoke.audit.index.idle-millis:100}") long idleMillis,
      @Value("${suoke.audit.index.delay-millis:500}") long delayMillis,
      ObjectProvider<EngineEventsInSearch> engineEvents) {
    this.client = client;
    EngineEventsInSearch exported = engineEvents.getIfAvailable();
    this.exportedEngineTypes =
        exported == null ? new String[0] : exported.valueTypes().toArray(String[]::new);
    this.jdbc = jdbc;
    this.pageSize = pageSize;
    this.idleMillis = idleMillis;
    this.delayMillis = delayMillis;
  }

  /** The last sequence number in search; -1 before the first look. */
  long indexedSeq() {
    return indexedSeq;
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  @Override
  public void start() {
    running = true;
    Thread t = new Thread(this::run, "suoke-audit-indexer");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    long backoff = INITIAL_BACKOFF_MILLIS;
    boolean opened = false;
    while (running) {
      try {
        if (!opened) {
          AuditIndex.create(client);
          indexedSeq = position();
          opened = true;
        }
        int indexed = step();
        consecutiveFailures = 0;
        backoff = INITIAL_BACKOFF_MILLIS;
        if (indexed == 0) {
          Thread.sleep(idleMillis);
        } else if (indexed < pageSize && delayMillis > 0) {
          Thread.sleep(
              delayMillis); // caught up: let the next bulk gather rather than send many small ones
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (!running) {
          return;
        }
        int failures = ++consecutiveFailures;
        if (failures == 1) {
          log.warn(
              "Audit indexing failed after seq {}; retrying in {} ms: {}",
              indexedSeq,
              backoff,
              e.toString());
        } else {
          log.warn(
              "Audit indexing failed {} times in a row after seq {} ({}); retrying in {} ms",
              failures,
              indexedSeq,
              e.toString(),
              backoff);
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
      }
    }
  }

  /**
   * One page into search and the position moved: the number of its rows, 0 when there was nothing
   * new.
   */
  int step() throws IOException {
    long after = indexedSeq;
    // Rows commit in sequence order (the chain's lock), so the newest seen is a safe position to
    // move to once every row up to it that belongs here is indexed.
    Long newest = jdbc.queryForObject("SELECT max(seq) FROM audit_event", Long.class);
    if (newest == null || newest <= after) {
      return 0;
    }
    List<AuditEntry> page =
        jdbc.query(
            "SELECT "
                + AuditEntry.COLUMNS
                + " FROM audit_event WHERE seq > ? AND seq <= ?"
                + " AND NOT (actor = ? AND split_part(action, '.', 1) = ANY(?))"
                + " ORDER BY seq LIMIT ?",
            ps -> {
              ps.setLong(1, after);
              ps.setLong(2, newest);
              ps.setString(3, EngineEventsInSearch.ENGINE);
              ps.setArray(4, ps.getConnection().createArrayOf("varchar", exportedEngineTypes));
              ps.setInt(5, pageSize);
            },
            (rs, n) -> AuditEntry.read(rs));
    if (page.isEmpty()) {
      savePosition(newest);
      return 0;
    }
    BulkRequest.Builder bulk = new BulkRequest.Builder();
    for (AuditEntry row : page) {
      Map<String, Object> doc = AuditIndex.document(row);
      bulk.operations(
          op -> op.index(i -> i.index(AuditIndex.NAME).id(Long.toString(row.seq())).document(doc)));
    }
    BulkResponse response = client.bulk(bulk.build());
    if (response.errors()) {
      long failed = response.items().stream().filter(item -> item.error() != null).count();
      String first =
          response.items().stream()
              .filter(item -> item.error() != null)
              .findFirst()
              .map(item -> item.id() + " " + item.error().type() + ": " + item.error().reason())
              .orElse("");
      throw new IOException(
          "search refused " + failed + " of " + page.size() + " audit rows (first: " + first + ")");
    }
    savePosition(page.size() < pageSize ? newest : page.get(page.size() - 1).seq());
    return page.size();
  }

  private void savePosition(long seq) {
    jdbc.update(
        "INSERT INTO audit_index_position (indexer, seq) VALUES (?, ?)"
            + " ON CONFLICT (indexer) DO UPDATE SET seq = EXCLUDED.seq",
        INDEXER,
        seq);
    indexedSeq = seq;
  }

  private long position() {
    List<Long> seq =
        jdbc.queryForList(
            "SELECT seq FROM audit_index_position WHERE indexer = ?", Long.class, INDEXER);
    return seq.isEmpty() ? 0 : seq.get(0);
  }
}
