package life.suoke.ops.backend.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import life.suoke.ops.backend.support.RunningApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The release flow end to end on real parts, all on loopback: a real nginx routes to two versions
 * of a small HTTP service (in this JVM), a real Prometheus scrapes both, and the packaged
 * application drives a canary release through nginx's upstream file and reloads. A driver thread
 * sends requests through nginx all along and counts which version answers.
 *
 * <p>First a healthy release shifts 10 % -> 50 % -> 100 %, each share seen in the counts, and is
 * promoted. Then a release of a version with errors injected fails its analysis at the first step:
 * compensation sends every request back to the stable version, the outcome is backed out and an
 * incident is open on the service with the analysis attached.
 */
class ReleaseCanaryIT {

  static final String PASSWORD = "It-release-password-1";

  @Test
  void canaryShiftsStepByStepThenAFailingVersionIsRolledBackWithAnIncident() throws Exception {
    Assumptions.assumeTrue(
        ReleaseRouterStack.installed(), "nginx and prometheus are installed by .ci/run");
    Path dir =
        Files.createDirectories(Path.of("target").toAbsolutePath().resolve("release-it"))
            .resolve("run-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    try (DemoService v1 = new DemoService("1.0");
        DemoService v2 = new DemoService("2.0");
        DemoService v3 = new DemoService("3.0");
        ReleaseRouterStack stack = new ReleaseRouterStack(dir, List.of(v1, v2, v3));
        RunningApplication app =
            RunningApplication.start(
                List.of(
                    "--suoke.release.prometheus-url=" + stack.prometheusUrl(),
                    "--suoke.release.nginx.directory=" + stack.upstreams,
                    "--suoke.release.nginx.test-command="
                        + String.join(" ", stack.nginxCommand("-t", "-q")),
                    "--suoke.release.nginx.reload-command="
                        + String.join(" ", stack.nginxCommand("-s", "reload"))))) {
      ApiClient admin = app.admin();
      // the group may exist already (a 4xx then); the user's creation below needs it either way
      admin.post(
          "/api/admin/groups",
          "{\"name\":\"release-managers\",\"displayName\":\"Release managers\"}");
      assertThat(
              admin
                  .post(
                      "/api/admin/users",
                      """
          {"username":"it-releaser","displayName":"Releaser","password":"%s","groups":["release-managers"],"enabled":true}"""
                          .formatted(PASSWORD))
                  .status())
          .as("the releaser")
          .isEqualTo(201);
      ApiClient releaser = new ApiClient(app.port(), "it-releaser", PASSWORD);
      // the service in the catalog, and the change managers' standard template the releases'
      // changes come from
      admin.post(
          "/api/admin/groups",
          "{\"name\":\"change-managers\",\"displayName\":\"Change managers\"}");
      assertThat(
              admin
                  .post("/api/admin/groups", "{\"name\":\"it-sre\",\"displayName\":\"SRE\"}")
                  .status())
          .isEqualTo(201);
      assertThat(
              admin
                  .post(
                      "/api/admin/services",
                      """
          {"name":"it-demo","displayName":"Demo","serviceClass":"core","ownerGroup":"it-sre","tier1Group":"it-sre",
           "tier2Group":"it-sre","tier3Group":"it-sre","calendarId":"default","labelRules":[]}""")
                  .status())
          .as("the service")
          .isEqualTo(201);
      assertThat(
              admin
                  .post(
                      "/api/admin/users",
                      """
          {"username":"it-changer","displayName":"Changer","password":"%s","groups":["change-managers"],"enabled":true}"""
                          .formatted(PASSWORD))
                  .status())
          .as("the change manager")
          .isEqualTo(201);
      ApiClient changer = new ApiClient(app.port(), "it-changer", PASSWORD);
      Browser.Response template =
          changer.post(
              "/api/changes/templates",
              """
          {"key":"it-demo-release","title":"Release the demo service","service":"it-demo","implementerGroup":"it-sre",
           "durationMinutes":60}""");
      assertThat(template.status()).as(template.body()).isEqualTo(201);

      Driver driver = new Driver(stack);
      Thread thread = new Thread(driver, "release-it-driver");
      thread.start();
      try {
        // a healthy version: 10 % -> 50 % -> 100 %, each share seen through nginx
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.total() > 100);
        String first = request(releaser, v1, v2, stack);
        Map<Integer, double[]> shares = new ConcurrentHashMap<>();
        for (int weight : new int[] {10, 50, 100}) {
          await()
              .atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(250))
              .until(
                  () ->
                      releaser
                          .get("/api/releases/" + first)
                          .json()
                          .path("release")
                          .path("currentWeight")
                          .asInt(),
                  w -> w >= weight);
          Thread.sleep(1500); // the reload reached the workers
          driver.reset();
          Thread.sleep(3000);
          shares.put(weight, new double[] {driver.share("2.0"), driver.total()});
        }
        assertThat(shares.get(10)[0])
            .as("share of 2.0 at 10 %% (%s requests)", shares.get(10)[1])
            .isBetween(0.04, 0.2);
        assertThat(shares.get(50)[0]).as("share of 2.0 at 50 %%").isBetween(0.35, 0.65);
        assertThat(shares.get(100)[0]).as("share of 2.0 at 100 %%").isGreaterThan(0.97);
        JsonNode promoted =
            await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                    () -> releaser.get("/api/releases/" + first).json(),
                    r -> "promoted".equals(r.path("release").path("status").asText()));
        assertThat(promoted.path("analyses").size())
            .as("the performance check and one analysis per step")
            .isEqualTo(4);
        assertThat(promoted.path("analyses").findValuesAsText("verdict"))
            .containsOnly("Successful");
        assertThat(promoted.path("traffic").findValuesAsText("weight"))
            .containsExactly("10", "50", "100");

        // a version that fails half its requests: the analysis fails at 10 %, everything goes back
        // to 1.0
        v3.failing(true);
        String second = request(releaser, v1, v3, stack);
        JsonNode backedOut =
            await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                    () -> releaser.get("/api/releases/" + second).json(),
                    r -> "backed-out".equals(r.path("release").path("status").asText()));
        assertThat(backedOut.path("release").path("currentWeight").asInt()).isZero();
        JsonNode failed = backedOut.path("analyses").get(backedOut.path("analyses").size() - 1);
        assertThat(failed.path("verdict").asText()).isEqualTo("Failed");
        assertThat(failed.path("stepIndex").asInt()).isZero();
        double measured =
            failed
                .path("result")
                .path("metrics")
                .get(0)
                .path("measurements")
                .get(0)
                .path("value")
                .asDouble();
        assertThat(measured).as("the error ratio Prometheus measured on 3.0").isGreaterThan(0.2);
        assertThat(backedOut.path("traffic").findValuesAsText("action"))
            .containsExactly("applied", "undone");
        Thread.sleep(1500);
        driver.reset();
        Thread.sleep(3000);
        assertThat(driver.share("3.0")).as("no request reaches 3.0 after the roll-back").isZero();
        assertThat(driver.share("1.0")).isGreaterThan(0.99);

        // the change the release opened from the template closes backed out
        String change = backedOut.path("release").path("changeId").asText();
        JsonNode closed =
            await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                    () -> changer.get("/api/changes/" + change).json(),
                    c -> "closed".equals(c.path("change").path("status").asText()));
        assertThat(closed.path("change").path("closeCode").asText()).isEqualTo("backed-out");
        assertThat(closed.path("change").path("changeType").asText()).isEqualTo("standard");

        String incident = backedOut.path("release").path("incidentNumber").asText();
        assertThat(incident).startsWith("INC-");
        JsonNode opened = admin.get("/api/incidents/" + incident).json();
        assertThat(opened.path("service").asText()).isEqualTo("it-demo");
        assertThat(opened.path("status").asText()).isNotIn("resolved", "closed", "cancelled");
        assertThat(opened.path("description").asText())
            .contains(second)
            .contains("error-ratio")
            .contains("Failed");
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + stack.logs() + "\n" + app.log(80), e);
      } finally {
        driver.stop.set(true);
        thread.join(10_000);
      }
    }
  }

  private static String request(
      ApiClient releaser, DemoService stable, DemoService canary, ReleaseRouterStack stack) {
    String body =
        """
        {"service":"it-demo","stableVersion":"%s","newVersion":"%s",
         "strategy":{"type":"canary","steps":[{"setWeight":10,"pause":"PT8S"},{"setWeight":50,"pause":"PT8S"},{"setWeight":100,"pause":"PT6S"}]},
         "target":{"type":"nginx","upstream":"demo","stable":["%s"],"canary":["%s"]},
         "analysis":{
           "metrics":[{"name":"error-ratio",
             "query":"sum(rate(demo_requests_total{version=\\"{{version}}\\",code=\\"500\\"}[5s])) / sum(rate(demo_requests_total{version=\\"{{version}}\\"}[5s]))",
             "successCondition":"< 0.05","failureCondition":">= 0.05","count":2,"interval":"PT1S","failureLimit":0,
             "inconclusiveLimit":1,"baseline":{"maxRatio":2}}],
           "performance":[{"name":"up","query":"max(demo_up{version=\\"{{version}}\\"})","successCondition":"== 1"}]},
         "probes":[{"url":"http://%s/","expectStatus":200}]}
        """
            .formatted(
                stable.version,
                canary.version,
                stable.address(),
                canary.address(),
                stable.address());
    Browser.Response created = releaser.post("/api/releases", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("release").path("id").asText();
  }

  /** Sends requests through nginx, one connection each, and counts the versions that answer. */
  static final class Driver implements Runnable {
    final AtomicBoolean stop = new AtomicBoolean();
    private final ReleaseRouterStack stack;
    private final AtomicReference<Map<String, AtomicLong>> counts =
        new AtomicReference<>(new ConcurrentHashMap<>());

    Driver(ReleaseRouterStack stack) {
      this.stack = stack;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        try {
          String body = stack.call().trim();
          String version =
              body.startsWith("version ")
                  ? body.substring(8)
                  : body.startsWith("error ") ? body.substring(6) : "other";
          counts.get().computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
          Thread.sleep(5);
        } catch (Exception e) {
          counts.get().computeIfAbsent("failed", v -> new AtomicLong()).incrementAndGet();
        }
      }
    }

    void reset() {
      counts.set(new ConcurrentHashMap<>());
    }

    long total() {
      return counts.get().values().stream().mapToLong(AtomicLong::get).sum();
    }

    double share(String version) {
      long total = total();
      AtomicLong n = counts.get().get(version);
      return total == 0 ? 0 : (n == null ? 0 : n.get()) / (double) total;
    }
  }
}
