package life.suoke.ops.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the stack of the engine's single processing thread ({@code suoke-engine-processor}) every
 * few milliseconds while the measurement window is open, and its CPU time, to tell where that
 * thread's time goes: waiting for commands, processing them, waiting for PostgreSQL to commit the
 * batch, or answering clients after the commit. The engine is single-writer, so this one thread is
 * the engine's capacity. Sampling a single thread costs a thread-local handshake, not a global
 * safepoint.
 */
final class EngineThreadSampler implements AutoCloseable {

  static final String THREAD_NAME = "suoke-engine-processor";
  private static final int DEPTH = 64;

  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final long threadId;
  private final long intervalMillis;
  private final Thread sampler;
  private volatile boolean sampling;
  private volatile boolean stopped;
  private final Map<String, Integer> phases = new HashMap<>();
  private final Map<String, Integer> topFrames = new HashMap<>();
  private final Map<String, Integer> engineFrames = new HashMap<>();
  private int samples;
  private long cpuStart = -1;
  private long cpuNanos;
  private long wallStart;
  private long wallNanos;

  EngineThreadSampler(long intervalMillis) {
    this.threadId = findThread();
    this.intervalMillis = intervalMillis;
    this.sampler = new Thread(this::loop, "bench-engine-sampler");
    this.sampler.setDaemon(true);
    if (threadId >= 0) {
      sampler.start();
    }
  }

  private static long findThread() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (THREAD_NAME.equals(t.getName())) {
        return t.getId();
      }
    }
    return -1;
  }

  boolean found() {
    return threadId >= 0;
  }

  /**
   * Starts counting (the sampler thread runs from construction so its own start is not measured).
   */
  void begin() {
    if (threadId < 0) {
      return;
    }
    cpuStart = mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(threadId) : -1;
    wallStart = System.nanoTime();
    sampling = true;
  }

  void end() {
    if (threadId < 0 || !sampling) {
      return;
    }
    sampling = false;
    wallNanos = System.nanoTime() - wallStart;
    if (cpuStart >= 0) {
      cpuNanos = mx.getThreadCpuTime(threadId) - cpuStart;
    }
  }

  private void loop() {
    while (!stopped) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (!sampling) {
        continue;
      }
      ThreadInfo info = mx.getThreadInfo(threadId, DEPTH);
      if (info == null) {
        continue;
      }
      record(info.getStackTrace());
    }
  }

  private synchronized void record(StackTraceElement[] stack) {
    if (stack.length == 0) {
      return;
    }
    samples++;
    phases.merge(phaseOf(stack), 1, Integer::sum);
    topFrames.merge(frame(stack[0]), 1, Integer::sum);
    for (StackTraceElement e : stack) {
      if (e.getClassName().startsWith("life.suoke.ops.engine")) {
        engineFrames.merge(frame(e), 1, Integer::sum);
        break;
      }
    }
  }

  /** What the thread is doing, from the outermost engine frame that tells. */
  static String phaseOf(StackTraceElement[] stack) {
    boolean inAppend = false;
    boolean inSerialise = false;
    boolean inPoll = false;
    boolean inTask = false;
    boolean inDueWork = false;
    boolean inCommit = false;
    boolean inReplay = false;
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      String m = e.getMethodName();
      if (c.endsWith(".RecordLog") && m.equals("append")) {
        inAppend = true;
      } else if (c.endsWith(".RecordJson") && m.startsWith("to")) {
        inSerialise = true;
      } else if (c.endsWith(".StreamProcessor")) {
        switch (m) {
          case "runTask" -> inTask = true;
          case "runDueWork" -> inDueWork = true;
          case "commit" -> inCommit = true;
          case "replay", "rollback" -> inReplay = true;
          default -> {}
        }
      } else if (c.endsWith(".LinkedBlockingQueue") && (m.equals("poll") || m.equals("take"))) {
        inPoll = true;
      }
    }
    if (inAppend) {
      if (inSerialise) {
        return "commit: serialising records to JSON";
      }
      boolean waiting = isSocketRead(stack);
      return waiting ? "commit: waiting for PostgreSQL (socket read)" : "commit: JDBC encode/send";
    }
    if (inCommit) {
      return "after commit: answering clients, pushing jobs";
    }
    if (inTask) {
      return "processing commands";
    }
    if (inDueWork) {
      return "due work: serving jobs to streams/polls, time-outs";
    }
    if (inReplay) {
      return "rollback/replay";
    }
    if (inPoll) {
      return "idle: waiting for commands";
    }
    return "other (loop overhead, queue)";
  }

  private static boolean isSocketRead(StackTraceElement[] stack) {
    for (int i = 0; i < Math.min(stack.length, 12); i++) {
      String c = stack[i].getClassName();
      String m = stack[i].getMethodName();
      if ((c.contains("NioSocketImpl")
              || c.contains("SocketInputStream")
              || c.contains("SocketDispatcher")
              || c.contains("Net"))
          && (m.contains("read")
              || m.contains("poll")
              || m.equals("park")
              || m.equals("timedRead"))) {
        return true;
      }
      if (c.endsWith("VisibleBufferedInputStream")
          || c.endsWith("PGStream") && m.startsWith("receive")) {
        return true;
      }
    }
    return false;
  }

  private static String frame(StackTraceElement e) {
    String c = e.getClassName();
    int dot = c.lastIndexOf('.');
    return (dot >= 0 ? c.substring(dot + 1) : c) + "." + e.getMethodName();
  }

  /** The summary lines: CPU share and phase shares, then the hottest frames. */
  synchronized List<String> report(int top) {
    List<String> lines = new ArrayList<>();
    if (threadId < 0) {
      lines.add("engine thread '" + THREAD_NAME + "' not found: no profile");
      return lines;
    }
    if (wallNanos > 0 && cpuNanos > 0) {
      lines.add(
          String.format(
              "engine thread CPU: %.0f%% of one core over the window",
              100.0 * cpuNanos / wallNanos));
    }
    lines.add(
        String.format("engine thread stack samples: %d (every %d ms)", samples, intervalMillis));
    if (samples == 0) {
      return lines;
    }
    sorted(phases)
        .forEach(
            e ->
                lines.add(
                    String.format("  %5.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey())));
    lines.add("  hottest top frames:");
    sorted(topFrames).stream()
        .limit(top)
        .forEach(
            e ->
                lines.add(
                    String.format("  %5.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey())));
    lines.add("  innermost engine frames:");
    sorted(engineFrames).stream()
        .limit(top)
        .forEach(
            e ->
                lines.add(
                    String.format("  %5.1f%%  %s", 100.0 * e.getValue() / samples, e.getKey())));
    return lines;
  }

  private static List<Map.Entry<String, Integer>> sorted(Map<String, Integer> counts) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    return entries;
  }

  @Override
  public void close() {
    stopped = true;
    sampler.interrupt();
  }
}
