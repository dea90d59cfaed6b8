package life.suoke.ops.workers.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An nginx traffic router. The release's target names the upstream and the servers of both
 * versions: {@code {type: nginx, upstream: checkout, stable: ["10.0.0.1:8080"], canary:
 * ["10.0.0.2:8080"]}}. Each change writes {@code <upstream>.conf} into the configured directory:
 * {@code <upstream>_stable}, {@code <upstream>_canary} and the weighted {@code <upstream>_weighted}
 * upstreams, and a {@code map} that sets {@code $<upstream>_upstream} (A/B: the matching header or
 * cookie picks the canary). The operator's server block proxies to {@code
 * http://$<upstream>_upstream} and includes the directory. The configuration is tested ({@code
 * nginx -t}) before nginx reloads; a refused one is put back.
 */
public class NginxTarget implements DeploymentTarget {

  private static final String SERVER = "[A-Za-z0-9.-]{1,253}:[0-9]{1,5}";

  /**
   * Where nginx is.
   *
   * @param directory where the upstream files go (included by nginx's configuration)
   * @param testCommand tests the configuration ({@code nginx -t})
   * @param reloadCommand reloads it ({@code nginx -s reload})
   */
  public record Settings(Path directory, List<String> testCommand, List<String> reloadCommand) {}

  private final Supplier<Settings> settings;

  /**
   * @param settings asked at each change (a changed setting applies at once)
   */
  public NginxTarget(Supplier<Settings> settings) {
    this.settings = settings;
  }

  @Override
  public String type() {
    return "nginx";
  }

  @Override
  public void validate(Map<String, Object> target, List<AnalysisSpec.Problem> problems) {
    DeploymentTargets.text(target, "upstream", "target", "[A-Za-z][A-Za-z0-9_]{0,62}", problems);
    for (String key : List.of("stable", "canary")) {
      if (!(target.get(key) instanceof List<?> servers)
          || servers.isEmpty()
          || servers.size() > 50
          || !servers.stream().allMatch(s -> s instanceof String text && text.matches(SERVER))) {
        problems.add(
            new AnalysisSpec.Problem("target." + key, "must list 1 to 50 servers as host:port"));
      }
    }
  }

  @Override
  public void prepare(ReleaseJobs.Release release) {
    Path directory = settings.get().directory();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + directory, e);
    }
    if (!Files.exists(file(release))) {
      setTraffic(release, 0, null);
    }
  }

  @Override
  public void deploy(ReleaseJobs.Release release) {
    // the canary servers run the new version already (deployed by the pipeline); traffic stays at 0
    setTraffic(release, 0, null);
  }

  @Override
  public void setTraffic(ReleaseJobs.Release release, int weight, Map<String, Object> match) {
    write(release, config(release, weight, match));
  }

  @Override
  public void scaleDown(ReleaseJobs.Release release) {
    setTraffic(release, 0, null);
  }

  @Override
  public void retirePrevious(ReleaseJobs.Release release) {
    setTraffic(release, 100, null);
  }

  /** The upstream configuration for the weight (and A/B match). */
  static String config(ReleaseJobs.Release release, int weight, Map<String, Object> match) {
    String name = String.valueOf(release.target().get("upstream"));
    List<String> stable = servers(release.target().get("stable"));
    List<String> canary = servers(release.target().get("canary"));
    StringBuilder out =
        new StringBuilder("# written by Suoke Ops for release ")
            .append(release.releaseId())
            .append(": ")
            .append(weight)
            .append(" % to the new version\n");
    upstream(out, name + "_stable", stable, 1);
    upstream(out, name + "_canary", canary, 1);
    out.append("upstream ").append(name).append("_weighted {\n");
    for (String server : stable) {
      out.append("  server ")
          .append(server)
          .append(weight >= 100 ? " down" : " weight=" + (100 - weight))
          .append(";\n");
    }
    for (String server : canary) {
      out.append("  server ")
          .append(server)
          .append(weight <= 0 ? " down" : " weight=" + weight)
          .append(";\n");
    }
    out.append("}\n");
    String variable = "$uri";
    String value = null;
    if (match != null && match.get("value") != null) {
      value = String.valueOf(match.get("value"));
      variable =
          match.get("header") != null
              ? "$http_"
                  + String.valueOf(match.get("header")).toLowerCase(Locale.ROOT).replace('-', '_')
              : "$cookie_" + match.get("cookie");
    }
    out.append("map ")
        .append(variable)
        .append(" $")
        .append(name)
        .append("_upstream {\n  default ")
        .append(name)
        .append("_weighted;\n");
    if (value != null) {
      out.append("  \"").append(value).append("\" ").append(name).append("_canary;\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static void upstream(StringBuilder out, String name, List<String> servers, int weight) {
    out.append("upstream ").append(name).append(" {\n");
    for (String server : servers) {
      out.append("  server ").append(server).append(";\n");
    }
    out.append("}\n");
  }

  private static List<String> servers(Object value) {
    List<String> servers = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> servers.add(String.valueOf(item)));
    }
    return servers;
  }

  private Path file(ReleaseJobs.Release release) {
    return settings.get().directory().resolve(release.target().get("upstream") + ".conf");
  }

  private synchronized void write(ReleaseJobs.Release release, String config) {
    Settings now = settings.get();
    Path directory = now.directory();
    Path file = file(release);
    try {
      Files.createDirectories(directory);
      String before = Files.exists(file) ? Files.readString(file) : null;
      if (config.equals(before)) {
        return;
      }
      Path temp = Files.createTempFile(directory, ".upstream", ".tmp");
      Files.writeString(temp, config, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      String tested = run(now.testCommand());
      if (tested != null) {
        if (before == null) {
          Files.deleteIfExists(file);
        } else {
          Files.writeString(file, before, StandardCharsets.UTF_8);
        }
        throw new IllegalStateException("nginx refused the upstream configuration: " + tested);
      }
      String reloaded = run(now.reloadCommand());
      if (reloaded != null) {
        throw new IllegalStateException("nginx reload failed: " + reloaded);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  /** Runs the command; null when it succeeded, else its output. */
  private static String run(List<String> command) throws IOException {
    if (command.isEmpty()) {
      return null;
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "timed out";
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? null : output.strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
