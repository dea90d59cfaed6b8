package life.suoke.ops.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import java.io.IOException;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The inbox benchmark: the packaged application ({@code backend/target/suoke-ops.jar}) on its
 * embedded defaults in a fresh directory, 100,000 open user tasks in its engine, and a responder in
 * two groups asking {@code GET /api/tasks} over HTTP again and again (views mine, groups and all;
 * sorted by due date, priority or creation; pages 0 to 4). See README, "Inbox".
 *
 * <pre>inbox [tasks] [seconds] [--jar=...] [--warmup=15] [--threads=1] [--auth=session|basic]</pre>
 */
public final class InboxBench {

  static final List<String> GROUPS =
      List.of("tier1-oncall", "tier2", "tier3", "change-managers", "cab", "release-managers");
  static final String RESPONDER = "bench-responder";
  static final String PASSWORD = "Bench-responder-password-1";

  private static final String BPMN =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                   id="inbox-bench-definitions" targetNamespace="http://suoke.life/ops/bench">
        <process id="%1$s" name="Inbox benchmark" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
          <userTask id="work" name="Handle the request">
            <extensionElements>
              <zeebe:userTask/>
              <zeebe:assignmentDefinition %2$s candidateGroups="=candidateGroups"/>
              <zeebe:priorityDefinition priority="=priority"/>
              <zeebe:taskSchedule dueDate="=dueDate"/>
            </extensionElements>
          </userTask>
          <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;

  private final int tasks;
  private final int seconds;
  private final Path jar;
  private final int warmup;
  private final int threads;
  private final boolean basic;

  private InboxBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    tasks = a.position(0, 100_000);
    seconds = a.position(1, 60);
    jar = a.jar();
    warmup = a.option("warmup", 15);
    threads = a.option("threads", 1);
    basic = "basic".equals(a.option("auth", "session"));
  }

  public static void main(String[] args) throws Exception {
    new InboxBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("inbox", 30);

    try (PackagedApplication app =
        PackagedApplication.start(jar, "suoke-inbox-bench-", PASSWORD + "-admin", List.of())) {
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String base = app.base;
      Path dir = app.dir;
      int dbPort = app.dbPort;
      int grpcPort = app.grpcPort;
      int restPort = app.restPort;
      createUsers(dbPort);
      try (CamundaClient client = client(restPort, grpcPort, dir)) {
        fill(client);
      }
      awaitExport(http, base);
      String auth =
          basic
              ? "Basic "
                  + Base64.getEncoder()
                      .encodeToString((RESPONDER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))
              : null;
      if (!basic) {
        signIn(http, base);
      }
      query(http, base, auth);
    }
    System.exit(0);
  }

  /**
   * The responder (tier1-oncall and tier2) and 50 colleagues, written into the application's
   * directory.
   */
  private static void createUsers(int dbPort) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "")) {
      try (PreparedStatement user =
              c.prepareStatement(
                  "INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?)");
          PreparedStatement member =
              c.prepareStatement(
                  "INSERT INTO app_group_member (group_name, username) VALUES (?, ?)")) {
        user.setString(1, RESPONDER);
        user.setString(2, hash);
        user.setString(3, "Bench responder");
        user.executeUpdate();
        for (String group : List.of("tier1-oncall", "tier2")) {
          member.setString(1, group);
          member.setString(2, RESPONDER);
          member.executeUpdate();
        }
        for (int i = 0; i < 50; i++) {
          user.setString(1, "bench-user-" + i);
          user.setString(2, hash);
          user.setString(3, "Bench user " + i);
          user.executeUpdate();
          member.setString(1, GROUPS.get(i % GROUPS.size()));
          member.setString(2, "bench-user-" + i);
          member.executeUpdate();
        }
      }
    }
  }

  private static CamundaClient client(int restPort, int grpcPort, Path dir) throws IOException {
    var builder =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + restPort))
            .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort))
            .preferRestOverGrpc(true);
    Path token = dir.resolve("engine-token");
    if (Files.isRegularFile(token)) {
      String value = Files.readString(token).trim();
      builder.credentialsProvider(
          new io.camunda.client.CredentialsProvider() {
            @Override
            public void applyCredentials(CredentialsApplier applier) {
              applier.put("Authorization", "Bearer " + value);
            }

            @Override
            public boolean shouldRetryRequest(StatusCode statusCode) {
              return false;
            }
          });
    }
    return builder.build();
  }

  /**
   * {@code tasks} open user tasks: each offered to one of six groups (every tenth to a second one
   * as well), every tenth assigned (to the responder for every fiftieth task of its groups, else to
   * a colleague), priorities 0 to 100, due dates from 30 days ago to 30 days ahead.
   */
  private void fill(CamundaClient client) throws Exception {
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(BPMN.formatted("inbox-bench", ""), "inbox-bench.bpmn")
        .addResourceStringUtf8(
            BPMN.formatted("inbox-bench-assigned", "assignee=\"=assignee\""),
            "inbox-bench-assigned.bpmn")
        .send()
        .join();
    Random random = new Random(42);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Semaphore inFlight = new Semaphore(256);
    AtomicLong failures = new AtomicLong();
    long started = System.nanoTime();
    for (int i = 0; i < tasks; i++) {
      List<String> groups = new ArrayList<>();
      groups.add(GROUPS.get(i % GROUPS.size()));
      if (i % 10 == 3) {
        groups.add(GROUPS.get((i / 10) % GROUPS.size()));
      }
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("candidateGroups", groups.stream().distinct().toList());
      variables.put("priority", random.nextInt(101));
      variables.put(
          "dueDate", now.plusSeconds(random.nextInt(60 * 86_400) - 30 * 86_400L).toString());
      variables.put("businessKey", "REQ-" + i);
      String process = "inbox-bench";
      if (i % 10 == 7) {
        process = "inbox-bench-assigned";
        boolean responders = groups.contains("tier1-oncall") || groups.contains("tier2");
        variables.put(
            "assignee", responders && i % 50 == 7 ? RESPONDER : "bench-user-" + random.nextInt(50));
      }
      inFlight.acquire();
      client
          .newCreateInstanceCommand()
          .bpmnProcessId(process)
          .latestVersion()
          .variables(variables)
          .send()
          .whenComplete(
              (r, e) -> {
                if (e != null) {
                  failures.incrementAndGet();
                }
                inFlight.release();
              });
    }
    inFlight.acquire(256);
    System.out.printf(
        "created %d process instances in %.1f s (%d failed)%n",
        tasks, (System.nanoTime() - started) / 1e9, failures.get());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long open = 0;
    while (System.nanoTime() < deadline) {
      open =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.state(UserTaskState.CREATED))
              .page(p -> p.limit(1))
              .send()
              .join()
              .page()
              .totalItems();
      if (open >= tasks) {
        break;
      }
      Thread.sleep(1000);
    }
    System.out.printf(
        "open user tasks in the search: %d (%.1f s after the start of the fill)%n",
        open, (System.nanoTime() - started) / 1e9);
  }

  /**
   * Waits until the search exporter has indexed the whole log (gauge {@code
   * suoke.engine.export.lag}), so that its catch-up does not share the CPU with the measured
   * queries.
   */
  private static void awaitExport(HttpClient http, String base) throws Exception {
    AppClients.awaitExport(http, base, PASSWORD + "-admin");
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
            + URLEncoder.encode(RESPONDER, StandardCharsets.UTF_8)
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

  private void query(HttpClient http, String base, String auth) throws Exception {
    List<String> queries = new ArrayList<>();
    for (String view : List.of("mine", "groups", "all")) {
      for (String sort : List.of("due", "priority", "created")) {
        for (String order : List.of("asc", "desc")) {
          for (int page = 0; page < 5; page++) {
            queries.add(
                "/api/tasks?view="
                    + view
                    + "&sort="
                    + sort
                    + "&order="
                    + order
                    + "&page="
                    + page
                    + "&size=20");
          }
        }
      }
    }
    for (String view : List.of("mine", "groups", "all")) {
      HttpResponse<String> sample = get(http, base + "/api/tasks?view=" + view + "&size=1", auth);
      String body = sample.body();
      int counts = body.indexOf("\"total\"");
      System.out.printf(
          "GET /api/tasks?view=%s -> %d, %s%n",
          view, sample.statusCode(), counts < 0 ? body : body.substring(counts));
    }
    Map<String, Histogram> byView = new LinkedHashMap<>();
    for (String view : List.of("mine", "groups", "all")) {
      byView.put(view, new Histogram(TimeUnit.SECONDS.toMicros(60), 3));
    }
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
                  String q = queries.get(random.nextInt(queries.size()));
                  long start = System.nanoTime();
                  HttpResponse<String> r;
                  try {
                    r = get(http, base + q, auth);
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    continue;
                  }
                  long micros = (System.nanoTime() - start) / 1000;
                  if (r.statusCode() != 200) {
                    errors.incrementAndGet();
                  }
                  if (start >= warmupEnd) {
                    String view = q.substring(q.indexOf("view=") + 5, q.indexOf('&'));
                    synchronized (all) {
                      all.recordValue(micros);
                      byView.get(view).recordValue(micros);
                    }
                  }
                }
              },
              "inbox-query-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "%nGET /api/tasks, %d client thread(s), %s, %d s after %d s warm-up, %d errors%n",
        threads, auth == null ? "session cookie" : "HTTP Basic", seconds, warmup, errors.get());
    print("all queries", all);
    byView.forEach((view, h) -> print("view=" + view, h));
  }

  private static HttpResponse<String> get(HttpClient http, String url, String auth)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void print(String label, Histogram h) {
    System.out.printf(
        "  %-12s n=%-7d %6.1f req/s  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n",
        label,
        h.getTotalCount(),
        h.getTotalCount() / (double) seconds,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
