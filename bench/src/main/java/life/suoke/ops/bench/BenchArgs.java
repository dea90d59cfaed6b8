package life.suoke.ops.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The arguments of a driver that starts the packaged application: positional numbers, then {@code
 * --name=value} options (a bare {@code --name} is {@code true}); and the watchdog that ends a run
 * that went on too long.
 */
public final class BenchArgs {

  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  public BenchArgs(String[] args) {
    for (String arg : args) {
      if (arg.startsWith("--")) {
        String[] kv = arg.substring(2).split("=", 2);
        options.put(kv[0], kv.length > 1 ? kv[1] : "true");
      } else {
        positional.add(arg);
      }
    }
  }

  /** The {@code index}th positional number, else {@code otherwise}. */
  public int position(int index, int otherwise) {
    return positional.size() > index ? Integer.parseInt(positional.get(index)) : otherwise;
  }

  public String option(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }

  public int option(String name, int otherwise) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
  }

  /** An option of comma-separated numbers ({@code --ramp=55,60}), blanks left out. */
  List<Integer> numbers(String name, String otherwise) {
    List<Integer> numbers = new ArrayList<>();
    for (String n : option(name, otherwise).split(",")) {
      if (!n.isBlank()) {
        numbers.add(Integer.parseInt(n.trim()));
      }
    }
    return numbers;
  }

  /** {@code --jar}, by default the backend's packaged application. */
  Path jar() {
    return Path.of(option("jar", "backend/target/suoke-ops.jar")).toAbsolutePath();
  }

  /** Ends the JVM (exit code 3) when the run takes longer than {@code minutes}. */
  public static void watchdog(String benchmark, int minutes) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(minutes));
                System.err.println(
                    benchmark + " benchmark exceeded " + minutes + " minutes: aborting");
                System.exit(3);
              } catch (InterruptedException ignored) {
                // finished in time
              }
            },
            "bench-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
