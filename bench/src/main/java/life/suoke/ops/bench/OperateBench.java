package life.suoke.ops.bench;

import io.camunda.client.CamundaClient;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The operations benchmark: the packaged application on its embedded defaults in a fresh directory,
 * {@code instances} process instances in its engine (70 % waiting at a user task, 29 % completed, 1
 * % with an incident), one instance with about 1,000 element instances (a parallel multi-instance
 * user task), and an operator asking for the first page of {@code GET /api/operations/instances}
 * with filters again and again, then for the big instance's page ({@code GET
 * /api/operations/instances/{key}}). See README, "Operations".
 *
 * <pre>operate [instances] [seconds] [--jar=...] [--warmup=10] [--elements=1000] [--data=DIR]</pre>
 *
 * With {@code --data}, the application keeps its data in DIR; a later run with the same DIR finds
 * the instances there (in {@value #FILLED}) and measures again without creating them anew.
 */
public final class OperateBench {

  static final String OPERATOR = "bench-operator";
  static final String PASSWORD = "Bench-operator-password-1";
  static final List<String> REGIONS = List.of("eu", "us", "cn", "sg");
  static final String FILLED = "operate-bench.properties";

  private static final String WAIT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                   id="d" targetNamespace="http://suoke.life/ops/bench">
        <process id="operate-bench-wait" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
          <userTask id="work"><extensionElements><zeebe:userTask/></extensionElements></userTask>
          <sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;
  private static final String DONE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://suoke.life/ops/bench">
        <process id="operate-bench-done" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;
  private static final String GATE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://suoke.life/ops/bench">
        <process id="operate-bench-gate" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="gate"/>
          <exclusiveGateway id="gate"/>
          <sequenceFlow id="big" sourceRef="gate" targetRef="end"><conditionExpression>=amount &gt; 10</conditionExpression></sequenceFlow>
          <sequenceFlow id="small" sourceRef="gate" targetRef="end"><conditionExpression>=amount &lt;= 10</conditionExpression></sequenceFlow>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;
  private static final String BIG =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                   id="d" targetNamespace="http://suoke.life/ops/bench">
        <process id="operate-bench-big" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="each"/>
          <userTask id="each">
            <extensionElements><zeebe:userTask/></extensionElements>
            <multiInstanceLoopCharacteristics>
              <extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item"/></extensionElements>
            </multiInstanceLoopCharacteristics>
          </userTask>
          <sequenceFlow id="f2" sourceRef="each" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;

  private int instances;
  private final int seconds;
  private final Path jar;
  private final int warmup;
  private final int elements;
  private final String data;

  private OperateBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    instances = a.position(0, 100_000);
    seconds = a.position(1, 30);
    jar = a.jar();
    warmup = a.option("warmup", 10);
    elements = a.option("elements", 1000);
    data = a.option("data", null);
  }

  public static void main(String[] args) throws Exception {
    new OperateBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("operate", 150);
    Path dir = data == null ? null : Path.of(data).toAbsolutePath();
    Path filled = dir == null ? null : dir.resolve(FILLED);
    boolean reuse = filled != null && Files.isRegularFile(filled);
    try (PackagedApplication app =
        reuse
            ? PackagedApplication.restart(jar, dir, PASSWORD + "-admin", List.of())
            : dir != null
                ? PackagedApplication.startIn(jar, dir, PASSWORD + "-admin", List.of())
                : PackagedApplication.start(
                    jar, "suoke-operate-bench-", PASSWORD + "-admin", List.of())) {
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      long bigKey;
      Properties state = new Properties();
      if (reuse) {
        try (var in = Files.newInputStream(filled)) {
          state.load(in);
        }
        bigKey = Long.parseLong(state.getProperty("bigKey"));
        instances = Integer.parseInt(state.getProperty("instances"));
        System.out.printf(
            "reusing %d instances and the big instance %d in %s%n", instances, bigKey, dir);
      } else {
        createOperator(app.dbPort);
        try (CamundaClient client = AppClients.client(app.restPort, app.grpcPort, app.dir)) {
          bigKey = fill(client);
        }
        if (filled != null) {
          state.setProperty("bigKey", Long.toString(bigKey));
          state.setProperty("instances", Integer.toString(instances));
          try (var out = Files.newOutputStream(filled)) {
            state.store(out, "operate bench: the instances created in this directory");
          }
        }
      }
      AppClients.awaitExport(http, app.base, PASSWORD + "-admin");
      AppClients.signIn(http, app.base, OPERATOR, PASSWORD);
      measureList(http, app.base);
      measureInstance(http, app.base, bigKey);
    }
    System.exit(0);
  }

  private static void createOperator(int dbPort) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres", "postgres", "");
        PreparedStatement user =
            c.prepareStatement(
                "INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, ?)");
        PreparedStatement member =
            c.prepareStatement(
                "INSERT INTO app_group_member (group_name, username) VALUES (?, ?)")) {
      user.setString(1, OPERATOR);
      user.setString(2, hash);
      user.setString(3, "Bench operator");
      user.executeUpdate();
      member.setString(1, "operators");
      member.setString(2, OPERATOR);
      member.executeUpdate();
    }
  }

  /** The instances, then the big one; answers the big one's key once the search shows it all. */
  private long fill(CamundaClient client) throws Exception {
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(WAIT, "operate-bench-wait.bpmn")
        .addResourceStringUtf8(DONE, "operate-bench-done.bpmn")
        .addResourceStringUtf8(GATE, "operate-bench-gate.bpmn")
        .addResourceStringUtf8(BIG, "operate-bench-big.bpmn")
        .send()
        .join();
    Semaphore inFlight = new Semaphore(256);
    AtomicLong failures = new AtomicLong();
    long started = System.nanoTime();
    for (int i = 0; i < instances; i++) {
      int bucket = i % 100;
      String process =
          bucket == 0
              ? "operate-bench-gate"
              : bucket < 30 ? "operate-bench-done" : "operate-bench-wait";
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put("businessKey", "REQ-" + i);
      variables.put("region", REGIONS.get(i % REGIONS.size()));
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
        instances, (System.nanoTime() - started) / 1e9, failures.get());
    long big =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("operate-bench-big")
            .latestVersion()
            .variables(
                Map.of(
                    "items", IntStream.range(0, elements).boxed().toList(), "businessKey", "BIG"))
            .send()
            .join()
            .getProcessInstanceKey();
    // the big instance is created after every other one was: once the search shows its element
    // instances, it shows all the others (the projection follows the log in order)
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (System.nanoTime() < deadline) {
      long bigElements =
          client
              .newElementInstanceSearchRequest()
              .filter(f -> f.processInstanceKey(big))
              .page(p -> p.limit(1))
              .send()
              .join()
              .page()
              .totalItems();
      if (bigElements >= elements) {
        System.out.printf(
            "big instance %d: %d element instances (%.1f s after the start of the fill)%n",
            big, bigElements, (System.nanoTime() - started) / 1e9);
        break;
      }
      Thread.sleep(2000);
    }
    return big;
  }

  private void measureList(HttpClient http, String base) throws Exception {
    Random random = new Random(7);
    Map<String, java.util.function.Supplier<String>> queries = new LinkedHashMap<>();
    queries.put("no filter", () -> "");
    queries.put("process+state", () -> "processDefinitionId=operate-bench-wait&state=ACTIVE");
    queries.put("with incident", () -> "withIncident=true");
    queries.put(
        "process+version+incident",
        () -> "processDefinitionId=operate-bench-gate&version=1&withIncident=true");
    queries.put("business key", () -> "businessKey=REQ-" + random.nextInt(instances));
    queries.put(
        "started between",
        () ->
            "startedFrom="
                + enc(Instant.now().minusSeconds(3600).toString())
                + "&startedTo="
                + enc(Instant.now().toString()));
    queries.put(
        "variable value",
        () ->
            "variableName=region&variableValue="
                + enc("\"" + REGIONS.get(random.nextInt(4)) + "\""));
    queries.put(
        "state+variable",
        () -> "state=COMPLETED&variableName=region&variableValue=" + enc("\"eu\""));
    for (var entry : queries.entrySet()) {
      HttpResponse<String> sample =
          get(http, base + "/api/operations/instances?limit=50&" + entry.getValue().get());
      String body = sample.body();
      int total = body.indexOf("\"total\"");
      System.out.printf(
          "%-26s -> %d %s%n",
          entry.getKey(),
          sample.statusCode(),
          total < 0
              ? body.substring(0, Math.min(200, body.length()))
              : body.substring(total, Math.min(body.length(), total + 40)));
    }
    List<String> names = new ArrayList<>(queries.keySet());
    Map<String, Histogram> byQuery = new LinkedHashMap<>();
    names.forEach(n -> byQuery.put(n, new Histogram(TimeUnit.SECONDS.toMicros(60), 3)));
    Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
    long errors = 0;
    while (System.nanoTime() < end) {
      String name = names.get(random.nextInt(names.size()));
      String url = base + "/api/operations/instances?limit=50&" + queries.get(name).get();
      long start = System.nanoTime();
      HttpResponse<String> r = get(http, url);
      long micros = (System.nanoTime() - start) / 1000;
      if (r.statusCode() != 200) {
        errors++;
      }
      if (start >= warmupEnd) {
        all.recordValue(micros);
        byQuery.get(name).recordValue(micros);
      }
    }
    System.out.printf(
        "%nGET /api/operations/instances (first page, 50 rows), 1 client thread, %d s after %d s warm-up, %d errors%n",
        seconds, warmup, errors);
    print("all", all);
    byQuery.forEach(this::print);
  }

  private void measureInstance(HttpClient http, String base, long key) throws Exception {
    HttpResponse<String> sample = get(http, base + "/api/operations/instances/" + key);
    System.out.printf(
        "%nGET /api/operations/instances/%d -> %d, %d bytes%n",
        key, sample.statusCode(), sample.body().length());
    Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    for (int i = 0; i < 10; i++) {
      get(http, base + "/api/operations/instances/" + key);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(10, seconds / 2));
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      get(http, base + "/api/operations/instances/" + key);
      h.recordValue((System.nanoTime() - start) / 1000);
    }
    print("instance page", h);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void print(String label, Histogram h) {
    System.out.printf(
        "  %-26s n=%-6d p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n",
        label,
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(95) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
