package life.suoke.ops.bench;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * On-call schedules: the packaged application with {@code schedules} teams, each a group of six, a
 * service whose tier-1 group it is, and a schedule of four layers (a weekly 24x7 rotation, a daily
 * night rotation 20:00-08:00, a weekly business-hours rotation on the {@code default} calendar, and
 * a 12-hour weekend rotation) with an override every day from half a year ago to half a year ahead.
 * It measures {@code GET /api/oncall/now} for random services, then the final schedule of one
 * schedule for a year. See README, "On-call".
 *
 * <pre>oncall [schedules] [seconds] [--jar=...] [--warmup=10] [--threads=1] [--year-runs=20]</pre>
 */
public final class OnCallBench {

  private static final String PASSWORD = "Bench-oncall-password-1";
  private static final String READER = "bench-reader";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final int schedules;
  private final int seconds;
  private final Path jar;
  private final int warmup;
  private final int threads;
  private final int yearRuns;

  private OnCallBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    schedules = a.position(0, 200);
    seconds = a.position(1, 30);
    jar = a.jar();
    warmup = a.option("warmup", 10);
    threads = a.option("threads", 1);
    yearRuns = a.option("year-runs", 20);
  }

  public static void main(String[] args) throws Exception {
    new OnCallBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("on-call", 20);

    System.out.printf("load average at start: %s%n", loadAverage());
    try (PackagedApplication app =
        PackagedApplication.start(jar, "suoke-oncall-bench-", PASSWORD + "-admin", List.of())) {
      long started = System.nanoTime();
      long overrides = fill(app.dbPort);
      System.out.printf(
          "filled %d schedules of 4 layers and %d overrides in %.1f s%n",
          schedules, overrides, (System.nanoTime() - started) / 1e9);
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      signIn(http, app.base);
      HttpResponse<String> sample =
          get(http, app.base + "/api/oncall/now?service=bench-svc-0&tier=1");
      System.out.printf(
          "GET /api/oncall/now?service=bench-svc-0&tier=1 -> %d %s%n",
          sample.statusCode(), sample.body());
      now(http, app.base);
      year(http, app.base);
      System.out.printf("load average at the end: %s%n", loadAverage());
    }
    System.exit(0);
  }

  /** Teams, services, schedules and overrides, written into the application's tables. */
  private long fill(int dbPort) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
    LocalDate start = LocalDate.now(ZONE).minusDays(200);
    Instant first = start.atStartOfDay(ZONE).toInstant();
    long overrides = 0;
    Random random = new Random(42);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "")) {
      c.setAutoCommit(false);
      try (PreparedStatement user =
              c.prepareStatement(
                  "INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?)");
          PreparedStatement group =
              c.prepareStatement("INSERT INTO app_group (name, display_name) VALUES (?, ?)");
          PreparedStatement member =
              c.prepareStatement(
                  "INSERT INTO app_group_member (group_name, username, manager) VALUES (?, ?, ?)");
          PreparedStatement service =
              c.prepareStatement(
                  "INSERT INTO service (name, display_name, service_class,"
                      + " owner_group, tier1_group, tier2_group, tier3_group) VALUES (?, ?, 'core', ?, ?, 'tier2', 'tier3')");
          PreparedStatement schedule =
              c.prepareStatement(
                  "INSERT INTO oncall_schedule (name, team_group, time_zone,"
                      + " created_by) VALUES (?, ?, 'Asia/Shanghai', 'bench') RETURNING id");
          PreparedStatement layer =
              c.prepareStatement(
                  "INSERT INTO oncall_layer (schedule_id, position, name, members,"
                      + " turn_kind, turn_hours, handoff_time, start_date, time_zone, restrictions, business_calendar)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Asia/Shanghai', ?, ?)");
          PreparedStatement override =
              c.prepareStatement(
                  "INSERT INTO oncall_override (schedule_id, username,"
                      + " start_at, end_at, kind, created_by) VALUES (?, ?, ?, ?, 'override', 'bench')")) {
        user.setString(1, READER);
        user.setString(2, hash);
        user.setString(3, "Bench reader");
        user.executeUpdate();
        for (int s = 0; s < schedules; s++) {
          String team = "bench-team-" + s;
          group.setString(1, team);
          group.setString(2, "Bench team " + s);
          group.executeUpdate();
          List<String> members = new ArrayList<>();
          for (int m = 0; m < 6; m++) {
            String name = "bench-" + s + "-" + m;
            members.add(name);
            user.setString(1, name);
            user.setString(2, hash);
            user.setString(3, "Bench " + s + "/" + m);
            user.addBatch();
            member.setString(1, team);
            member.setString(2, name);
            member.setBoolean(3, m == 0);
            member.addBatch();
          }
          user.executeBatch();
          member.executeBatch();
          service.setString(1, "bench-svc-" + s);
          service.setString(2, "Bench service " + s);
          service.setString(3, team);
          service.setString(4, team);
          service.executeUpdate();
          schedule.setString(1, "Bench schedule " + s);
          schedule.setString(2, team);
          long id;
          try (var rs = schedule.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
          }
          Object[][] layers = {
            {"24x7", members.subList(0, 4), "weekly", 168, "09:00", "[]", null},
            {
              "nights",
              members.subList(2, 6),
              "daily",
              24,
              "20:00",
              "[{\"days\":[],\"start\":\"20:00\",\"end\":\"08:00\"}]",
              null
            },
            {"business hours", members.subList(1, 3), "weekly", 168, "09:00", "[]", "default"},
            {
              "weekends",
              members.subList(3, 6),
              "custom",
              12,
              "08:00",
              "[{\"days\":[\"SATURDAY\",\"SUNDAY\"],\"start\":\"08:00\",\"end\":\"20:00\"}]",
              null
            },
          };
          for (int l = 0; l < layers.length; l++) {
            layer.setLong(1, id);
            layer.setInt(2, l);
            layer.setString(3, (String) layers[l][0]);
            @SuppressWarnings("unchecked")
            List<String> rotation = (List<String>) layers[l][1];
            layer.setArray(4, c.createArrayOf("text", rotation.toArray()));
            layer.setString(5, (String) layers[l][2]);
            layer.setInt(6, (Integer) layers[l][3]);
            layer.setString(7, (String) layers[l][4]);
            layer.setObject(8, start);
            layer.setString(9, (String) layers[l][5]);
            layer.setString(10, (String) layers[l][6]);
            layer.addBatch();
          }
          layer.executeBatch();
          // an override every day for a year around now: 2 to 6 hours from a random hour
          for (int d = 0; d < 365; d++) {
            Instant from =
                first.plus(Duration.ofDays(d + 18)).plus(Duration.ofHours(random.nextInt(18)));
            override.setLong(1, id);
            override.setString(2, members.get(random.nextInt(members.size())));
            override.setTimestamp(3, Timestamp.from(from));
            override.setTimestamp(
                4, Timestamp.from(from.plus(Duration.ofHours(2 + random.nextInt(5)))));
            override.addBatch();
            overrides++;
          }
          override.executeBatch();
        }
      }
      c.commit();
    }
    return overrides;
  }

  /**
   * Random services' tier-1 on-call, in a closed loop per thread; p50/p95/p99/max after the
   * warm-up.
   */
  private void now(HttpClient http, String base) throws Exception {
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
                  String url =
                      base
                          + "/api/oncall/now?service=bench-svc-"
                          + random.nextInt(schedules)
                          + "&tier=1";
                  long start = System.nanoTime();
                  try {
                    HttpResponse<String> r = get(http, url);
                    if (r.statusCode() != 200 || !r.body().contains("\"people\":[{")) {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    continue;
                  }
                  long micros = (System.nanoTime() - start) / 1000;
                  if (start >= warmupEnd) {
                    synchronized (all) {
                      all.recordValue(micros);
                    }
                  }
                }
              },
              "oncall-now-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "%nGET /api/oncall/now, %d schedules, %d client thread(s), %d s after %d s warm-up, %d errors"
            + " (or answers without a person)%n",
        schedules, threads, seconds, warmup, errors.get());
    print("now", all);
  }

  /**
   * The final schedule of schedule 1 for a year from now, {@code yearRuns} times after two
   * unmeasured ones.
   */
  private void year(HttpClient http, String base) throws Exception {
    Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
    String url =
        base
            + "/api/oncall/schedules/1/final?from="
            + from
            + "&to="
            + from.plus(Duration.ofDays(365));
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    int size = 0;
    int entries = 0;
    for (int i = -2; i < yearRuns; i++) {
      long start = System.nanoTime();
      HttpResponse<String> r = get(http, url);
      long micros = (System.nanoTime() - start) / 1000;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "final schedule answered " + r.statusCode() + ": " + r.body());
      }
      size = r.body().length();
      entries = r.body().split("\"source\"", -1).length - 1;
      if (i >= 0) {
        histogram.recordValue(micros);
      }
    }
    System.out.printf(
        "%nGET /api/oncall/schedules/1/final for a year: %d answers of %d bytes (%d segments"
            + " in entries, gaps and layers)%n",
        yearRuns, size, entries);
    print("final, one year", histogram);
  }

  private static void print(String label, Histogram h) {
    System.out.printf(
        "%-16s n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        label,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
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
}
