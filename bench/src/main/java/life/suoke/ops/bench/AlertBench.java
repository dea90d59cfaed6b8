package life.suoke.ops.bench;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Alert to page: the packaged application on its embedded defaults, an Alertmanager integration,
 * one tier-1 responder with a mobile number, and a local SMS gateway. Each send is a new alert
 * group (so a new incident, its process instance, its page); the latency runs from the moment the
 * webhook is sent to the moment the gateway accepts the page. See README, "Alert to page".
 *
 * <pre>
 * alerts [rate] [seconds] [--jar=...] [--warmup=10] [--warmup-rate=rate] [--ramp=100,200,300,400,500] [--step=30] [--drain=30] [--series=1]
 * </pre>
 *
 * The warm-up can have phases: {@code --warmup=300,120 --warmup-rate=50,20} sends 50 alerts/s for
 * 300 s, then 20 alerts/s for 120 s, each phase until its pages arrived.
 */
public final class AlertBench {

  private static final String ADMIN_PASSWORD = "Bench-alerts-admin-password-1";
  private static final Pattern INCIDENT = Pattern.compile("INC-\\d{8}-\\d{4,}");

  private final int rate;
  private final int seconds;
  private final Path jar;

  /** The warm-up's phases: seconds, and alerts/s, in order. */
  private final List<Integer> warmup;

  private final List<Integer> warmupRate;
  private final List<Integer> ramp = new ArrayList<>();
  private final int step;
  private final int drain;
  private final boolean printSeries;
  private final String severity;
  private static final int SERIES_SECONDS = 5;

  /** Seconds the engine held new commands back because the audit trail was behind (counter). */
  private static final String HELD = "suoke.engine.intake.held";

  /** When each incident's webhook was sent and when its page reached the gateway (nanoTime). */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  private final Map<String, Long> pagedAt = new ConcurrentHashMap<>();
  private final AtomicLong pages = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  private AlertBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    rate = a.position(0, 50);
    seconds = a.position(1, 60);
    jar = a.jar();
    warmup = a.numbers("warmup", "10");
    warmupRate = a.numbers("warmup-rate", Integer.toString(rate));
    if (warmup.size() != warmupRate.size()) {
      throw new IllegalArgumentException(
          "--warmup and --warmup-rate need as many phases: " + warmup + " and " + warmupRate);
    }
    ramp.addAll(a.numbers("ramp", "100,200,300,400,500"));
    step = a.option("step", 30);
    drain = a.option("drain", 30);
    printSeries = a.option("series", 0) > 0;
    // error on a core service is P1 (response due in 30 min): a run of under 30 minutes measures
    // the alerts and their pages alone. critical is P0, whose incidents, never acknowledged here,
    // escalate to tier 2 five minutes after they opened, adding the escalations of the first
    // minutes' alerts to the rate of the later ones.
    severity = a.option("severity", "error");
    if (!severity.matches("[a-z]+")) {
      throw new IllegalArgumentException("--severity: a word such as error or critical");
    }
  }

  /** "300 s at 50 alerts/s, then 120 s at 20 alerts/s". */
  private String warmupText() {
    List<String> phases = new ArrayList<>();
    for (int i = 0; i < warmup.size(); i++) {
      phases.add(warmup.get(i) + " s at " + warmupRate.get(i) + " alerts/s");
    }
    return String.join(", then ", phases);
  }

  public static void main(String[] args) throws Exception {
    new AlertBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("alert", 40);

    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    gateway.setExecutor(Executors.newFixedThreadPool(8));
    gateway.createContext(
        "/sms",
        exchange -> {
          long now = System.nanoTime();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Matcher m = INCIDENT.matcher(body);
          if (m.find()) {
            pagedAt.putIfAbsent(m.group(), now);
          }
          pages.incrementAndGet();
          byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    gateway.start();
    String smsUrl = "http://127.0.0.1:" + gateway.getAddress().getPort() + "/sms";

    try (PackagedApplication app =
        PackagedApplication.start(
            jar,
            "suoke-alert-bench-",
            ADMIN_PASSWORD,
            List.of(
                "--suoke.notify.sms.url=" + smsUrl,
                "--suoke.notify.sms.token=bench-gateway-token"))) {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .executor(Executors.newFixedThreadPool(16))
              .build();
      String token = setUp(http, app.base);
      String url = app.base + "/api/integrations/alertmanager/" + token;

      for (int i = 0; i < warmup.size(); i++) {
        Result warm = send(http, url, warmupRate.get(i), warmup.get(i), "warm-up");
        if (printSeries) {
          System.out.printf("warm-up at %d alerts/s for %d s: ", warmupRate.get(i), warmup.get(i));
          warm.print();
        }
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(5));
      double heldBefore = AppClients.metric(http, app.base, ADMIN_PASSWORD, HELD);
      CpuAccounting cpu = new CpuAccounting(app.dir.resolve("postgres"), app.pid());
      cpu.begin();
      Result steady = send(http, url, rate, seconds, "steady");
      cpu.end();
      double held = AppClients.metric(http, app.base, ADMIN_PASSWORD, HELD) - heldBefore;
      System.out.printf(
          "%nalert to page at %d alerts/s for %d s (after a warm-up of %s; severity %s):%n",
          rate, seconds, warmupText(), severity);
      steady.print();
      System.out.printf(
          "  the engine held new commands back for the audit trail for %.1f s of it%n", held);
      // from the first alert until the last one was paged
      System.out.printf("  %s%n", cpu.perItem(steady.sent(), "alert"));

      int heldRate = 0;
      for (int r : ramp) {
        Result result = send(http, url, r, step, "ramp " + r);
        System.out.printf("ramp %4d alerts/s for %d s: ", r, step);
        result.print();
        if (result.p99Millis() < 1000 && result.missing() == 0 && result.errors() == 0) {
          heldRate = r;
        } else {
          break;
        }
      }
      System.out.printf("%nmost alerts/s held with p99 under 1 s (of %s): %d%n", ramp, heldRate);
      System.out.printf(
          "pages accepted by the gateway: %d, webhook errors: %d%n", pages.get(), errors.get());
    } finally {
      gateway.stop(0);
    }
    System.exit(0);
  }

  /**
   * A service, a tier-1 responder with a mobile number, and an Alertmanager integration; answers
   * its token.
   */
  private static String setUp(HttpClient http, String base) throws Exception {
    String admin =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    post(
        http,
        base + "/api/admin/users",
        admin,
        """
        {"username":"bench-oncall","password":"Bench-oncall-password-1","displayName":"Bench on-call",
         "mobile":"+8613800000000","groups":["tier1-oncall"],"enabled":true}""");
    post(
        http,
        base + "/api/admin/services",
        admin,
        """
        {"name":"bench-payments","displayName":"Payments","serviceClass":"core","ownerGroup":"incident-managers",
         "tier1Group":"tier1-oncall","tier2Group":"tier2","tier3Group":"tier3"}""");
    String created =
        post(
            http,
            base + "/api/admin/integrations",
            admin,
            "{\"type\":\"alertmanager\",\"name\":\"bench-alertmanager\",\"service\":\"bench-payments\"}");
    Matcher m = Pattern.compile("\"token\":\"([0-9a-f]+)\"").matcher(created);
    if (!m.find()) {
      throw new IllegalStateException("no token in " + created);
    }
    return m.group(1);
  }

  private static String post(HttpClient http, String url, String auth, String json)
      throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * A run's latencies, and the p99 of the alerts sent in each {@value #SERIES_SECONDS} s when asked
   * for.
   */
  private record Result(
      Histogram latency, int sent, int missing, long errors, List<Long> seriesP99Millis) {
    double p99Millis() {
      return latency.getTotalCount() == 0
          ? Double.MAX_VALUE
          : latency.getValueAtPercentile(99) / 1000.0;
    }

    void print() {
      System.out.printf(
          "sent %d, paged %d, missing %d, errors %d; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          sent,
          latency.getTotalCount(),
          missing,
          errors,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(90) / 1000.0,
          p99Millis(),
          latency.getMaxValue() / 1000.0);
      if (!seriesP99Millis.isEmpty()) {
        System.out.println(
            "  p99 by "
                + SERIES_SECONDS
                + " s of sending (ms): "
                + seriesP99Millis.stream()
                    .map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(" ")));
      }
    }
  }

  /**
   * Sends {@code perSecond} new alert groups a second for {@code duration} seconds, then waits for
   * their pages.
   */
  private Result send(HttpClient http, String url, int perSecond, int duration, String label)
      throws Exception {
    List<String> numbers = java.util.Collections.synchronizedList(new ArrayList<>());
    long began = System.nanoTime();
    AtomicLong failed = new AtomicLong();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long total = (long) perSecond * duration;
    AtomicLong issued = new AtomicLong();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    ticker.scheduleAtFixedRate(
        () -> {
          long i = issued.getAndIncrement();
          if (i >= total) {
            return;
          }
          String group = label + "-" + i + "-" + System.nanoTime();
          long start = System.nanoTime();
          http.sendAsync(
                  HttpRequest.newBuilder(URI.create(url))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(payload(group, i, severity)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (r, e) -> {
                    Matcher m = r == null ? null : INCIDENT.matcher(r.body());
                    if (e != null || r.statusCode() != 200 || !m.find()) {
                      failed.incrementAndGet();
                      errors.incrementAndGet();
                      return;
                    }
                    sentAt.put(m.group(), start);
                    numbers.add(m.group());
                  });
        },
        0,
        periodNanos,
        TimeUnit.NANOSECONDS);
    while (issued.get() < total) {
      Thread.sleep(100);
    }
    ticker.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drain);
    while (System.nanoTime() < deadline
        && (numbers.size() + failed.get() < total
            || numbers.stream().anyMatch(n -> !pagedAt.containsKey(n)))) {
      Thread.sleep(200);
    }
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    TreeMap<Long, Histogram> series = new TreeMap<>();
    int missing = 0;
    synchronized (numbers) {
      for (String number : numbers) {
        Long paged = pagedAt.get(number);
        if (paged == null) {
          missing++;
        } else {
          long micros = Math.max(0, (paged - sentAt.get(number)) / 1000);
          latency.recordValue(micros);
          series
              .computeIfAbsent(
                  (sentAt.get(number) - began) / TimeUnit.SECONDS.toNanos(SERIES_SECONDS),
                  k -> new Histogram(TimeUnit.MINUTES.toMicros(5), 2))
              .recordValue(micros);
        }
      }
    }
    List<Long> seriesP99 =
        printSeries
            ? series.values().stream().map(h -> h.getValueAtPercentile(99) / 1000).toList()
            : List.of();
    return new Result(latency, (int) total, missing, failed.get(), seriesP99);
  }

  private static String payload(String group, long i, String severity) {
    return """
        {"version":"4","groupKey":"%1$s","truncatedAlerts":0,"status":"firing","receiver":"suoke",
         "groupLabels":{"alertname":"HighErrorRate"},
         "commonLabels":{"alertname":"HighErrorRate","service":"bench-payments","severity":"%3$s"},
         "commonAnnotations":{"summary":"Error rate above 5%% (bench %2$d)"},"externalURL":"http://alertmanager.local",
         "alerts":[{"status":"firing","labels":{"alertname":"HighErrorRate","service":"bench-payments",
           "severity":"%3$s","instance":"pay-%2$d"},"annotations":{"summary":"Error rate above 5%%"},
           "startsAt":"2026-12-03T02:00:00Z","endsAt":"0001-01-01T00:00:00Z",
           "generatorURL":"http://prometheus.local/graph","fingerprint":"fp-%2$d"}]}"""
        .formatted(group, i, severity);
  }
}
