package life.suoke.ops.backend.audit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import life.suoke.ops.backend.audit.chain.AuditChainWriter;
import life.suoke.ops.backend.audit.chain.AuditRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The audit trail of human actions, on the chain writer. Callers on many threads hand their events
 * to one writer thread, which appends whatever has queued up meanwhile in one transaction (group
 * commit: one lock and one fsync for many events); {@link #record} returns once its event is
 * committed, and throws if it could not be.
 */
@Service
class JdbcAuditTrail implements AuditTrail, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);
  private static final int MAX_BATCH = 1_000;
  private static final long WAIT_SECONDS = 60;

  private record Pending(AuditRow row, CompletableFuture<Void> done) {}

  private final AuditChainWriter writer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  JdbcAuditTrail(AuditChainWriter writer) {
    this.writer = writer;
    this.thread = new Thread(this::run, "suoke-audit-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  @Override
  public void record(AuditEvent event) {
    Pending pending = new Pending(AuditRow.of(event), new CompletableFuture<>());
    if (!running) {
      throw new IllegalStateException("the audit trail is closed");
    }
    queue.add(pending);
    try {
      pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the audit event was written", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the audit event could not be written: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the audit event was not written within " + WAIT_SECONDS + " s", e);
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    try {
      writer.append(batch.stream().map(Pending::row).toList());
      batch.forEach(p -> p.done().complete(null));
    } catch (SQLException | RuntimeException e) {
      // The event's details stay out of the log; the caller gets the failure.
      log.warn("{} audit events could not be appended: {}", batch.size(), e.toString());
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    running = false;
    thread.join(TimeUnit.SECONDS.toMillis(10));
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the audit trail closed"));
    }
  }
}
