package life.suoke.ops.engine.processing.activation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import life.suoke.ops.engine.api.ActivatedJob;
import life.suoke.ops.engine.processing.ProcessingContext;
import life.suoke.ops.engine.processing.Rejection;
import life.suoke.ops.engine.record.RejectionType;
import life.suoke.ops.engine.state.EngineState;

/**
 * Hands activatable jobs to the workers that ask for them: job streams (gRPC {@code
 * StreamActivatedJobs}), which get each job pushed as it becomes activatable, and activations (gRPC
 * {@code ActivateJobs}, REST {@code POST /v2/jobs/activation}), which with a request timeout and no
 * job to take wait until jobs arrive or the timeout passes (long polling). Jobs go to open streams
 * first.
 *
 * <p>Its interface to the processing loop is small. The loop tells it which job types became
 * activatable ({@link #jobsAvailable(String)}, in the batch that made them so, and {@link
 * #stateRebuilt(EngineState)}), lets it serve them with each round of due work ({@link
 * #serve(ProcessingContext)}) and asks it how soon that is needed; it asks the loop to queue its
 * work and to activate jobs inside a batch ({@link ActivationLoop}), so that every job it hands out
 * is committed first. Apart from its two entry points for clients, everything here runs on the
 * loop's thread, so it needs no locks.
 *
 * <p>A job's deadline is timed by the engine clock, which a test may pin; how long a long-polling
 * activation waits is not: it is the client's request timeout, a promise about its request, so it
 * runs on the wall clock ({@link System#nanoTime()}) and an activation that finds no job is
 * answered in time however the engine clock stands.
 */
public final class JobActivation {

  private final ActivationLoop loop;
  private final Map<String, ArrayDeque<PendingActivation>> pendingActivations = new HashMap<>();
  private final Map<String, List<JobStream>> streams = new HashMap<>();
  private final Set<String> typesToServe = new LinkedHashSet<>();

  /**
   * A long-polling activation; it expires at {@code expiresAtNanos} on the wall clock ({@link
   * System#nanoTime()}).
   */
  private record PendingActivation(
      String worker,
      long timeout,
      int maxJobs,
      List<String> fetchVariables,
      CompletableFuture<List<ActivatedJob>> future,
      long expiresAtNanos) {

    boolean expiredAt(long nanos) {
      return expiresAtNanos - nanos <= 0;
    }

    long millisLeftAt(long nanos) {
      return TimeUnit.NANOSECONDS.toMillis(expiresAtNanos - nanos + 999_999);
    }
  }

  private static final class JobStream {
    final String worker;
    final long timeout;
    final List<String> fetchVariables;
    final Consumer<ActivatedJob> consumer;
    volatile boolean open = true;

    JobStream(
        String worker, long timeout, List<String> fetchVariables, Consumer<ActivatedJob> consumer) {
      this.worker = worker;
      this.timeout = timeout;
      this.fetchVariables = fetchVariables;
      this.consumer = consumer;
    }
  }

  public JobActivation(ActivationLoop loop) {
    this.loop = loop;
  }

  // ================================================================== for clients (any thread)

  /**
   * Activates up to {@code maxJobs} jobs; with a positive request timeout and no job to activate,
   * waits until jobs arrive or the timeout passes (long polling).
   */
  public CompletableFuture<List<ActivatedJob>> activate(
      String type,
      String worker,
      Duration timeout,
      int maxJobs,
      List<String> fetchVariables,
      Duration requestTimeout) {
    CompletableFuture<List<ActivatedJob>> future = new CompletableFuture<>();
    long timeoutMillis = timeout.toMillis();
    loop.submit(
        c -> {
          List<ActivatedJob> activated =
              loop.activate(c, type, worker, timeoutMillis, maxJobs, fetchVariables);
          if (!activated.isEmpty()
              || requestTimeout == null
              || requestTimeout.isZero()
              || requestTimeout.isNegative()) {
            c.afterCommit(() -> future.complete(activated));
            c.onRollback(
                () ->
                    future.completeExceptionally(
                        new Rejection(RejectionType.PROCESSING_ERROR, "Activation failed; retry")));
          } else {
            pendingActivations
                .computeIfAbsent(type, t -> new ArrayDeque<>())
                .add(
                    new PendingActivation(
                        worker,
                        timeoutMillis,
                        maxJobs,
                        fetchVariables,
                        future,
                        System.nanoTime() + requestTimeout.toNanos()));
          }
        });
    return future;
  }

  /** Pushes jobs of a type to the consumer as they become activatable, until the handle closes. */
  public AutoCloseable stream(
      String type,
      String worker,
      Duration timeout,
      List<String> fetchVariables,
      Consumer<ActivatedJob> consumer) {
    JobStream stream = new JobStream(worker, timeout.toMillis(), fetchVariables, consumer);
    loop.submit(
        c -> {
          streams.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(stream);
          typesToServe.add(type);
        });
    return () -> {
      stream.open = false;
      loop.enqueue(
          c -> {
            List<JobStream> open = streams.get(type);
            if (open != null) {
              open.remove(stream);
            }
          });
    };
  }

  // ================================================================== for the loop (its thread)

  /**
   * Jobs of the type became activatable in the batch being processed: serve them in this round's
   * due work, before the batch commits.
   */
  public void jobsAvailable(String type) {
    if (streams.containsKey(type) || pendingActivations.containsKey(type)) {
      typesToServe.add(type);
    }
  }

  /**
   * The loop's state was rebuilt from the log (at start, after a rollback): jobs that were
   * activatable before can be pushed or polled right away.
   */
  public void stateRebuilt(EngineState state) {
    state.jobs().forEach(job -> typesToServe.add(job.type));
  }

  /** Whether jobs wait to be served, so that the loop should not sleep. */
  public boolean hasJobsToServe() {
    return !typesToServe.isEmpty();
  }

  /** How long until the first long-polling activation expires; {@link Long#MAX_VALUE} if none. */
  public long millisToNextExpiry() {
    long wait = Long.MAX_VALUE;
    long nanos = System.nanoTime();
    for (ArrayDeque<PendingActivation> pendings : pendingActivations.values()) {
      for (PendingActivation pending : pendings) {
        wait = Math.min(wait, pending.millisLeftAt(nanos));
      }
    }
    return wait;
  }

  /**
   * One round of due work: answers the expired activations with no jobs, then hands out the
   * activatable jobs of each type to be served; everything is answered after the batch's commit.
   */
  public void serve(ProcessingContext ctx) {
    long nanos = System.nanoTime();
    for (ArrayDeque<PendingActivation> pendings : pendingActivations.values()) {
      for (Iterator<PendingActivation> it = pendings.iterator(); it.hasNext(); ) {
        PendingActivation pending = it.next();
        if (pending.expiredAt(nanos) || pending.future().isDone()) {
          it.remove();
          ctx.afterCommit(() -> pending.future().complete(List.of()));
        }
      }
    }
    if (!typesToServe.isEmpty()) {
      List<String> types = new ArrayList<>(typesToServe);
      typesToServe.clear();
      for (String type : types) {
        serve(ctx, type);
      }
    }
  }

  /** Hands activatable jobs of a type to open job streams first, then to waiting activations. */
  private void serve(ProcessingContext ctx, String type) {
    List<JobStream> open = streams.get(type);
    if (open != null) {
      open.removeIf(s -> !s.open);
      int next = 0;
      while (!open.isEmpty() && ctx.state().hasActivatableJobs(type)) {
        JobStream stream = open.get(next++ % open.size());
        for (ActivatedJob job :
            loop.activate(ctx, type, stream.worker, stream.timeout, 1, stream.fetchVariables)) {
          ctx.afterCommit(() -> push(stream, job));
        }
      }
    }
    ArrayDeque<PendingActivation> pendings = pendingActivations.get(type);
    while (pendings != null && !pendings.isEmpty() && ctx.state().hasActivatableJobs(type)) {
      PendingActivation pending = pendings.poll();
      if (pending.future().isDone()) {
        continue;
      }
      List<ActivatedJob> activated =
          loop.activate(
              ctx,
              type,
              pending.worker(),
              pending.timeout(),
              pending.maxJobs(),
              pending.fetchVariables());
      ctx.afterCommit(
          () -> {
            if (!pending.future().complete(activated)) {
              activated.forEach(job -> loop.enqueue(c -> loop.yield(c, job.key())));
            }
          });
    }
  }

  private void push(JobStream stream, ActivatedJob job) {
    try {
      if (!stream.open) {
        throw new IllegalStateException("stream closed");
      }
      stream.consumer.accept(job);
    } catch (RuntimeException e) {
      stream.open = false;
      loop.enqueue(c -> loop.yield(c, job.key()));
    }
  }

  /** The engine shuts down: waiting activations are answered with no jobs. */
  public void close() {
    pendingActivations.values().forEach(p -> p.forEach(a -> a.future().complete(List.of())));
  }
}
