package life.suoke.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during the window (Linux /proc): the whole machine, this JVM (and,
 * by thread name, its Java threads), the PostgreSQL server processes, and so everything else on the
 * machine, which tells whether it was otherwise idle. Figures are in cores (1.0 = one core busy for
 * the whole window).
 */
public final class CpuAccounting {

  /** USER_HZ: the unit of /proc's CPU times; 100 on every mainstream Linux build. */
  private static final double TICKS_PER_SECOND = 100.0;

  private record Snapshot(
      long nanos,
      long machineBusyTicks,
      long machineIowaitTicks,
      long jvmNanos,
      long pgTicks,
      long applicationTicks,
      Map<String, Long> threadNanos) {}

  private final Path pgDataDir;
  private final long applicationPid;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Snapshot start;
  private Snapshot end;

  public CpuAccounting(Path pgDataDir) {
    this(pgDataDir, -1);
  }

  /**
   * Also accounts an application under test that runs as a process of its own ({@code
   * applicationPid}; -1: none), its PostgreSQL's data directory {@code pgDataDir}.
   */
  CpuAccounting(Path pgDataDir, long applicationPid) {
    this.pgDataDir = pgDataDir;
    this.applicationPid = applicationPid;
  }

  public void begin() {
    start = snapshot();
  }

  public void end() {
    end = snapshot();
  }

  private Snapshot snapshot() {
    long[] machine = machineTicks();
    long jvm =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    Map<String, Long> byName = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      var info = threads.getThreadInfo(id);
      if (cpu > 0 && info != null) {
        byName.merge(group(info.getThreadName()), cpu, Long::sum);
      }
    }
    return new Snapshot(
        System.nanoTime(),
        machine[0],
        machine[1],
        jvm,
        postgresTicks(),
        applicationPid < 0 ? -1 : processTicks(applicationPid),
        byName);
  }

  /** Thread names with their numbers folded, so pools add up: grpc-nio-worker-ELG-#-#. */
  static String group(String name) {
    return name.replaceAll("[0-9]+", "#");
  }

  /** [busy, iowait] ticks of all CPUs since boot, from the first line of /proc/stat. */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
      return new long[] {user + nice + system + irq + softirq + steal, iowait};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** utime + stime of one process, -1 when it cannot be read. */
  private static long processTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The window's CPU per item ({@code items} done in it, e.g. alerts sent): machine, application
   * process and PostgreSQL, in ms of one core each, with the busy cores.
   */
  String perItem(long items, String item) {
    if (start == null || end == null || items <= 0) {
      return "";
    }
    double seconds = seconds();
    double machine = cores(start.machineBusyTicks(), end.machineBusyTicks());
    double application = cores(start.applicationTicks(), end.applicationTicks());
    double pg = cores(start.pgTicks(), end.pgTicks());
    double jvm = jvmCores();
    double perItem = seconds * 1000 / items;
    return String.format(
        "CPU over %.1f s: machine %.2f cores, %.1f ms per %s (the application %.2f cores, %.1f ms;"
            + " PostgreSQL %.2f, %.1f ms; this driver %.2f, %.1f ms)",
        seconds,
        machine,
        machine * perItem,
        item,
        application,
        application * perItem,
        pg,
        pg * perItem,
        jvm,
        jvm * perItem);
  }

  /** The whole machine's busy cores over the window; NaN before the window ends or off Linux. */
  public double machineBusyCores() {
    return start == null || end == null
        ? Double.NaN
        : cores(start.machineBusyTicks(), end.machineBusyTicks());
  }

  /** CPU ticks of the postmaster (its pid is the first line of postmaster.pid) and its children. */
  private long postgresTicks() {
    try {
      long postmaster =
          Long.parseLong(Files.readAllLines(pgDataDir.resolve("postmaster.pid")).get(0).trim());
      long total = 0;
      try (DirectoryStream<Path> procs =
          Files.newDirectoryStream(
              Path.of("/proc"), p -> p.getFileName().toString().matches("[0-9]+"))) {
        for (Path proc : procs) {
          try {
            String stat = Files.readString(proc.resolve("stat"));
            // pid (comm) state ppid ... : fields after the closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long pid = Long.parseLong(proc.getFileName().toString());
            long ppid = Long.parseLong(f[1]);
            if (pid == postmaster || ppid == postmaster) {
              total += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            }
          } catch (IOException | RuntimeException ignored) {
            // the process ended meanwhile
          }
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The summary lines. */
  public List<String> report(int topThreads) {
    List<String> lines = new ArrayList<>();
    if (start == null || end == null) {
      return lines;
    }
    double seconds = seconds();
    double machine = cores(start.machineBusyTicks(), end.machineBusyTicks());
    double iowait = cores(start.machineIowaitTicks(), end.machineIowaitTicks());
    double jvm = jvmCores();
    double pg = cores(start.pgTicks(), end.pgTicks());
    double others = machine - jvm - (Double.isNaN(pg) ? 0 : pg);
    int cores = Runtime.getRuntime().availableProcessors();
    lines.add(
        String.format(
            "machine busy %.2f of %d cores (iowait %.2f); this JVM %.2f, PostgreSQL %.2f,"
                + " other processes %.2f",
            machine, cores, iowait, jvm, pg, Math.max(0, others)));
    Map<String, Long> delta = new HashMap<>();
    long javaThreads = 0;
    for (Map.Entry<String, Long> e : end.threadNanos().entrySet()) {
      long d = e.getValue() - start.threadNanos().getOrDefault(e.getKey(), 0L);
      if (d > 0) {
        delta.put(e.getKey(), d);
        javaThreads += d;
      }
    }
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(delta.entrySet());
    sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    StringBuilder top = new StringBuilder("JVM threads (cores):");
    for (int i = 0; i < Math.min(topThreads, sorted.size()); i++) {
      top.append(
          String.format(
              " %s %.2f;", sorted.get(i).getKey(), sorted.get(i).getValue() / 1e9 / seconds));
    }
    lines.add(top.toString());
    lines.add(
        String.format(
            "JVM outside Java threads (GC, JIT, VM): %.2f cores",
            Math.max(0, jvm - javaThreads / 1e9 / seconds)));
    return lines;
  }

  private double seconds() {
    return (end.nanos() - start.nanos()) / 1e9;
  }

  /** Cores busy over the window from two readings of a tick counter; NaN when one was unread. */
  private double cores(long startTicks, long endTicks) {
    return startTicks >= 0 && endTicks >= 0
        ? (endTicks - startTicks) / TICKS_PER_SECOND / seconds()
        : Double.NaN;
  }

  private double jvmCores() {
    return (end.jvmNanos() - start.jvmNanos()) / 1e9 / seconds();
  }
}
