package life.suoke.ops.bench.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import life.suoke.ops.bench.BenchArgs;

/**
 * The command line of {@link PeerBench}:
 *
 * <pre>
 * &lt;flowable|operaton&gt; throughput &lt;one-task|ten-step&gt; &lt;seconds&gt; [options]
 * &lt;flowable|operaton&gt; latency &lt;one-task|ten-step&gt; &lt;rate&gt; &lt;seconds&gt; [options]
 * </pre>
 *
 * Options ({@code --name=value}): {@code --warmup} seconds (throughput 60, latency 15), {@code
 * --in-flight} instances kept in flight by the closed loop (256), {@code --workers} worker threads
 * (8), {@code --batch} tasks per fetch-and-lock (32), {@code --poll-ms} a worker's sleep after a
 * fetch that found nothing (1), {@code --pool} connections (20), {@code --drain} seconds to wait
 * for instances in flight after the load (30), {@code --pg-dir} the parent of PostgreSQL's data
 * directory (java.io.tmpdir). A bad argument throws {@link IllegalArgumentException} naming it.
 */
record PeerArgs(
    String engine,
    String mode,
    PeerProcess process,
    int rate,
    int seconds,
    int warmup,
    int inFlight,
    int workers,
    int batch,
    int pollMillis,
    int pool,
    int drain,
    Path pgDir) {

  static final String USAGE =
      """
      usage: PeerBench <flowable|operaton> throughput <one-task|ten-step> <seconds> [options]
             PeerBench <flowable|operaton> latency <one-task|ten-step> <rate PI/s> <seconds> [options]
      options: --warmup=<s> (throughput 60, latency 15) --in-flight=256 --workers=8 --batch=32
               --poll-ms=1 --pool=20 --drain=30 --pg-dir=<dir>""";

  private static final Set<String> OPTIONS =
      Set.of("warmup", "in-flight", "workers", "batch", "poll-ms", "pool", "drain", "pg-dir");

  static PeerArgs parse(String[] args) {
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        positional.add(arg);
      } else {
        String name = arg.substring(2).split("=", 2)[0];
        if (!OPTIONS.contains(name)) {
          throw new IllegalArgumentException("unknown option --" + name);
        }
        if (!arg.contains("=")) {
          throw new IllegalArgumentException(
              "option --" + name + " takes a value: --" + name + "=...");
        }
      }
    }
    if (positional.isEmpty()) {
      throw new IllegalArgumentException("no engine given: expected flowable or operaton");
    }
    String engine = positional.get(0);
    if (!PeerEngine.NAMES.contains(engine)) {
      throw new IllegalArgumentException(
          "unknown engine '" + engine + "': expected flowable or operaton");
    }
    if (positional.size() < 2) {
      throw new IllegalArgumentException("no mode given: expected throughput or latency");
    }
    String mode = positional.get(1);
    BenchArgs a = new BenchArgs(args);
    int rate = 0;
    int seconds;
    switch (mode) {
      case "throughput" -> {
        require(positional.size() == 4, "throughput takes <process> <seconds>");
        seconds = positive("seconds", number(a, 3, positional));
      }
      case "latency" -> {
        require(positional.size() == 5, "latency takes <process> <rate> <seconds>");
        rate = positive("rate", number(a, 3, positional));
        require(rate <= 100_000, "rate: at most 100000 instances per second");
        seconds = positive("seconds", number(a, 4, positional));
      }
      default ->
          throw new IllegalArgumentException(
              "unknown mode '" + mode + "': expected throughput or latency");
    }
    require(seconds <= 3600, "seconds: at most 3600");
    PeerProcess process = PeerProcess.fromCli(positional.get(2));
    int warmup = nonNegative("warmup", option(a, "warmup", mode.equals("latency") ? 15 : 60));
    require(warmup <= 600, "warmup: at most 600 s");
    return new PeerArgs(
        engine,
        mode,
        process,
        rate,
        seconds,
        warmup,
        positive("in-flight", option(a, "in-flight", 256)),
        positive("workers", option(a, "workers", 8)),
        positive("batch", option(a, "batch", 32)),
        nonNegative("poll-ms", option(a, "poll-ms", 1)),
        positive("pool", option(a, "pool", 20)),
        nonNegative("drain", option(a, "drain", 30)),
        Path.of(a.option("pg-dir", System.getProperty("java.io.tmpdir"))));
  }

  private static int number(BenchArgs a, int index, List<String> positional) {
    try {
      return a.position(index, 0);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a whole number: '" + positional.get(index) + "' (argument " + (index + 1) + ")");
    }
  }

  private static int option(BenchArgs a, String name, int otherwise) {
    try {
      return a.option(name, otherwise);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " takes a whole number, not '" + a.option(name, "") + "'");
    }
  }

  private static int positive(String name, int value) {
    require(value > 0, name + " must be positive");
    return value;
  }

  private static int nonNegative(String name, int value) {
    require(value >= 0, name + " must not be negative");
    return value;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
