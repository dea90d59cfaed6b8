package life.suoke.ops.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The KPI dashboard benchmark: the packaged application on its embedded defaults, a year of {@code
 * incidents} incidents written into its database (with their SLA clocks, pages, reviews, action
 * items, outages and ratings, spread over 40 services of 8 teams), then a reader in the incident
 * managers' group loading the dashboard as the UI does (summary, twelve-month trend, per service,
 * per team, on-call load, a drill-down) again and again, for random months and filters. See README,
 * "KPI dashboard".
 *
 * <pre>kpi [incidents] [seconds] [--jar=...] [--warmup=15] [--threads=1]</pre>
 */
public final class KpiBench {

  static final String READER = "bench-kpi-reader";
  static final String PASSWORD = "Bench-kpi-reader-password-1";
  static final int SERVICES = 40;
  static final int TEAMS = 8;
  static final String[] CLASSES = {"core", "agent", "support"};
  static final String[] PRIORITIES = {"P0", "P1", "P2", "P3"};
  static final String[] PEOPLE = new String[60];
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  static {
    for (int i = 0; i < PEOPLE.length; i++) {
      PEOPLE[i] = String.format("oncall-%02d", i);
    }
  }

  private final int incidents;
  private final int seconds;
  private final Path jar;
  private final int warmup;
  private final int threads;

  /** The year of data: the twelve months up to the last complete one. */
  private final YearMonth lastMonth = YearMonth.now(ZONE).minusMonths(1);

  private KpiBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    incidents = a.position(0, 50_000);
    seconds = a.position(1, 60);
    jar = a.jar();
    warmup = a.option("warmup", 15);
    threads = a.option("threads", 1);
  }

  public static void main(String[] args) throws Exception {
    new KpiBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("kpi", 30);
    String admin = PASSWORD + "-admin";
    try (PackagedApplication app =
        PackagedApplication.start(jar, "suoke-kpi-bench-", admin, List.of())) {
      long started = System.nanoTime();
      fill(app.dbPort);
      System.out.printf(
          "%d incidents of %s to %s (with clocks, pages, reviews, items) written in %.1f s%n",
          incidents, lastMonth.minusMonths(11), lastMonth, (System.nanoTime() - started) / 1e9);
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      signIn(http, app.base);
      query(http, app.base);
      System.out.printf("load average at the end: %s%n", loadAverage());
    }
    System.exit(0);
  }

  /**
   * The reader, the services and a year of incidents, written straight into the application's
   * tables.
   */
  private void fill(int dbPort) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres?reWriteBatchedInserts=true",
            "postgres",
            "")) {
      try (var s = c.createStatement()) {
        s.execute(
            "INSERT INTO app_user (username, password_hash, display_name) VALUES ('"
                + READER
                + "', '"
                + hash
                + "', 'Bench KPI reader')");
        s.execute(
            "INSERT INTO app_group_member (group_name, username) VALUES ('incident-managers', '"
                + READER
                + "')");
        for (int t = 0; t < TEAMS; t++) {
          s.execute(
              "INSERT INTO app_group (name, display_name) VALUES ('team-"
                  + t
                  + "', 'Team "
                  + t
                  + "')");
        }
        for (int i = 0; i < SERVICES; i++) {
          String team = "team-" + (i % TEAMS);
          s.execute(
              String.format(
                  "INSERT INTO service (name, display_name, service_class, owner_group, tier1_group,"
                      + " tier2_group, tier3_group) VALUES ('svc-%02d', 'Service %d', '%s', '%s', '%s', '%s', '%s')",
                  i, i, CLASSES[i % 3], team, team, team, team));
        }
      }
      c.setAutoCommit(false);
      Random random = new Random(42);
      Instant from = lastMonth.minusMonths(11).atDay(1).atStartOfDay(ZONE).toInstant();
      Instant to = lastMonth.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
      long span = to.getEpochSecond() - from.getEpochSecond();
      try (PreparedStatement incident =
              c.prepareStatement(
                  "INSERT INTO incident (number, title, service, service_class,"
                      + " severity, priority, status, source, tier, tier1_group, tier2_group, tier3_group, manager_group,"
                      + " calendar_id, detected_at, created_at, acknowledged_at, handling_started_at, handler, resolved_at,"
                      + " closed_at, satisfaction, satisfaction_at, outage_start, outage_end, outage_kind)"
                      + " VALUES (?, 'Bench incident', ?, ?, 'error', ?, ?, 'alert', ?, ?, ?, ?, ?, 'default', ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, ?, ?, ?, ?)");
          PreparedStatement sla =
              c.prepareStatement(
                  "INSERT INTO incident_sla (incident_number, target, priority, goal,"
                      + " goal_millis, start_time, breach_time, stopped_at, outcome) VALUES (?, ?, ?, 'PT1H', 3600000, ?, ?, ?, ?)");
          PreparedStatement page =
              c.prepareStatement(
                  "INSERT INTO notification (idempotency_key, recipient, channel,"
                      + " urgency, state, title, created_at, updated_at) VALUES (?, ?, 'sms', 'PAGE', 'SENT', 'page', ?, ?)");
          PreparedStatement review =
              c.prepareStatement(
                  "INSERT INTO review (incident_number, service, priority, status,"
                      + " review_owner) VALUES (?, ?, ?, ?, 'bench-owner')");
          PreparedStatement item =
              c.prepareStatement(
                  "INSERT INTO review_action_item (id, incident_number, position,"
                      + " title, owner, due_date, remind_at, priority, type, state) VALUES (?, ?, ?, 'Fix', 'bench-owner', ?, ?,"
                      + " 'high', 'fix', ?)")) {
        for (int i = 1; i <= incidents; i++) {
          Instant created = from.plusSeconds((long) (random.nextDouble() * span));
          String number =
              "INC-"
                  + LocalDate.ofInstant(created, ZONE).toString().replace("-", "")
                  + "-"
                  + String.format("%06d", i);
          int svc = random.nextInt(SERVICES);
          String service = String.format("svc-%02d", svc);
          String team = "team-" + (svc % TEAMS);
          String priority =
              PRIORITIES[Math.min(3, (int) Math.floor(Math.abs(random.nextGaussian()) * 1.5))];
          boolean cancelled = random.nextInt(20) == 0;
          long ack = 30 + random.nextInt(1800);
          long resolve = ack + 300 + random.nextInt(4 * 3600);
          int tier = random.nextInt(10) < 8 ? 1 : random.nextInt(10) < 7 ? 2 : 3;
          Integer rating = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : null;
          boolean outage = random.nextInt(5) == 0;
          int k = 1;
          incident.setString(k++, number);
          incident.setString(k++, service);
          incident.setString(k++, CLASSES[svc % 3]);
          incident.setString(k++, priority);
          incident.setString(k++, cancelled ? "cancelled" : "closed");
          incident.setInt(k++, tier);
          incident.setString(k++, team);
          incident.setString(k++, team);
          incident.setString(k++, team);
          incident.setString(k++, team);
          incident.setTimestamp(k++, Timestamp.from(created));
          incident.setTimestamp(k++, Timestamp.from(created));
          incident.setTimestamp(k++, cancelled ? null : Timestamp.from(created.plusSeconds(ack)));
          incident.setTimestamp(k++, cancelled ? null : Timestamp.from(created.plusSeconds(ack)));
          incident.setString(k++, cancelled ? null : PEOPLE[random.nextInt(PEOPLE.length)]);
          incident.setTimestamp(
              k++, cancelled ? null : Timestamp.from(created.plusSeconds(resolve)));
          incident.setTimestamp(k++, Timestamp.from(created.plusSeconds(resolve + 3600)));
          incident.setObject(k++, cancelled ? null : rating);
          incident.setTimestamp(
              k++,
              cancelled || rating == null
                  ? null
                  : Timestamp.from(created.plusSeconds(resolve + 3600)));
          incident.setTimestamp(k++, outage ? Timestamp.from(created) : null);
          incident.setTimestamp(
              k++, outage ? Timestamp.from(created.plusSeconds(60 + random.nextInt(7200))) : null);
          incident.setString(k++, outage ? (random.nextBoolean() ? "full" : "partial") : null);
          incident.addBatch();
          for (String target : new String[] {"response", "handling"}) {
            long took = target.equals("response") ? ack : resolve;
            long goal = target.equals("response") ? 900 : 4 * 3600;
            sla.setString(1, number);
            sla.setString(2, target);
            sla.setString(3, priority);
            sla.setTimestamp(4, Timestamp.from(created));
            sla.setTimestamp(5, Timestamp.from(created.plusSeconds(goal)));
            sla.setTimestamp(6, Timestamp.from(created.plusSeconds(took)));
            sla.setString(7, cancelled ? "cancelled" : took <= goal ? "met" : "breached");
            sla.addBatch();
          }
          for (int t = 1; t <= tier; t++) {
            Timestamp at = Timestamp.from(created.plusSeconds(60L * t));
            String person = PEOPLE[random.nextInt(PEOPLE.length)];
            page.setString(1, number + ":page:" + t + ":" + person + ":1");
            page.setString(2, person);
            page.setTimestamp(3, at);
            page.setTimestamp(4, at);
            page.addBatch();
          }
          if (!cancelled && (priority.equals("P0") || priority.equals("P1"))) {
            review.setString(1, number);
            review.setString(2, service);
            review.setString(3, priority);
            review.setString(4, random.nextInt(3) == 0 ? "following-up" : "closed");
            review.addBatch();
            for (int p = 1; p <= 3; p++) {
              Timestamp due =
                  Timestamp.from(created.plusSeconds(86400L * (7 + random.nextInt(60))));
              item.setString(1, number + "-" + p);
              item.setString(2, number);
              item.setInt(3, p);
              item.setTimestamp(4, due);
              item.setTimestamp(5, due);
              item.setString(6, random.nextInt(4) == 0 ? "open" : "done");
              item.addBatch();
            }
          }
          if (i % 1000 == 0) {
            incident.executeBatch();
            sla.executeBatch();
            page.executeBatch();
            review.executeBatch();
            item.executeBatch();
            c.commit();
          }
        }
        incident.executeBatch();
        sla.executeBatch();
        page.executeBatch();
        review.executeBatch();
        item.executeBatch();
        c.commit();
      }
      try (var s = c.createStatement()) {
        s.execute("ANALYZE");
      }
      c.commit();
    }
  }

  /** The requests of one dashboard load, as the UI sends them, for a random month and filter. */
  List<String> dashboard(Random random) {
    YearMonth month = lastMonth.minusMonths(random.nextInt(12));
    String filter =
        switch (random.nextInt(4)) {
          case 0 -> "";
          case 1 -> "&service=" + String.format("svc-%02d", random.nextInt(SERVICES));
          case 2 -> "&team=team-" + random.nextInt(TEAMS);
          default -> "&priority=" + PRIORITIES[random.nextInt(4)];
        };
    String m = "month=" + month + filter;
    String trend =
        "from=" + month.minusMonths(11).atDay(1) + "&to=" + month.atEndOfMonth() + filter;
    return List.of(
        "/api/kpi/summary?" + m,
        "/api/kpi/breakdown?by=month&" + trend,
        "/api/kpi/breakdown?by=service&" + m,
        "/api/kpi/breakdown?by=team&" + m,
        "/api/kpi/oncall?" + m,
        "/api/kpi/incidents?figure=sla-breached&" + m);
  }

  static String kind(String url) {
    String path = url.substring(0, url.indexOf('?'));
    return path.endsWith("breakdown")
        ? "breakdown " + url.replaceAll(".*by=(\\w+).*", "$1")
        : path.substring(9);
  }

  private void query(HttpClient http, String base) throws Exception {
    Map<String, Histogram> byKind = new LinkedHashMap<>();
    for (String url : dashboard(new Random(1))) {
      HttpResponse<String> sample = get(http, base + url);
      System.out.printf(
          "sample %-22s -> %d, %d bytes%n", kind(url), sample.statusCode(), sample.body().length());
      if (sample.statusCode() != 200) {
        throw new IllegalStateException(url + ": " + sample.body());
      }
      byKind.put(kind(url), new Histogram(TimeUnit.SECONDS.toMicros(60), 3));
    }
    Histogram loads = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
    Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong errors = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      Thread worker =
          new Thread(
              () -> {
                Random random = new Random(seed);
                while (System.nanoTime() < end) {
                  long loadStart = System.nanoTime();
                  for (String url : dashboard(random)) {
                    long start = System.nanoTime();
                    try {
                      if (get(http, base + url).statusCode() != 200) {
                        errors.incrementAndGet();
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      continue;
                    }
                    long micros = (System.nanoTime() - start) / 1000;
                    if (start >= warmupEnd) {
                      synchronized (all) {
                        all.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                        byKind
                            .get(kind(url))
                            .recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                      }
                    }
                  }
                  if (loadStart >= warmupEnd) {
                    synchronized (all) {
                      loads.recordValue(
                          Math.min(
                              (System.nanoTime() - loadStart) / 1000,
                              TimeUnit.SECONDS.toMicros(120)));
                    }
                  }
                }
              },
              "kpi-query-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "%nKPI dashboard, %d incidents over 12 months, %d client thread(s), session cookie, %d s after"
            + " %d s warm-up, %d errors%n",
        incidents, threads, seconds, warmup, errors.get());
    print("dashboard (6 requests)", loads);
    print("every request", all);
    byKind.forEach(this::print);
  }

  /**
   * Signs in like the UI: the CSRF cookie first, then the form post; the session cookie follows.
   */
  private static void signIn(HttpClient http, String base) throws Exception {
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token =
        ((CookieManager) http.cookieHandler().orElseThrow())
            .getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst()
                .orElseThrow()
                .getValue();
    String form =
        "username="
            + URLEncoder.encode(READER, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private void print(String label, Histogram h) {
    System.out.printf(
        "  %-22s n=%-6d %6.1f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n",
        label,
        h.getTotalCount(),
        h.getTotalCount() / (double) seconds,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
