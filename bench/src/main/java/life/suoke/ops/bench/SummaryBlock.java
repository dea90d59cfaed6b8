package life.suoke.ops.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The block a benchmark prints at its end: its title between two rules, one line per entry (the
 * name in a column of 24, a value of several lines indented under it), then its notes.
 */
public final class SummaryBlock {

  private SummaryBlock() {}

  public static String render(String title, Map<String, String> entries, List<String> notes) {
    String rule = "=".repeat(100);
    StringBuilder out = new StringBuilder();
    out.append('\n').append(rule).append('\n').append(title).append('\n').append(rule).append('\n');
    entries.forEach(
        (name, value) -> {
          String[] lines = value.split("\n");
          out.append(String.format("%-24s %s%n", name, lines[0]));
          for (int i = 1; i < lines.length; i++) {
            out.append(String.format("%-24s %s%n", "", lines[i]));
          }
        });
    for (String note : notes) {
      out.append(String.format("%-24s %s%n", "NOTE", note));
    }
    return out.append(rule).append('\n').toString();
  }

  public static void print(String title, Map<String, String> entries, List<String> notes) {
    System.out.print(render(title, entries, notes));
    System.out.flush();
  }

  /** The 1-, 5- and 15-minute load averages. */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return String.format(
          "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
