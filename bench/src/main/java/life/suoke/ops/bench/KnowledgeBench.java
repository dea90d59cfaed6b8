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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The knowledge base search benchmark: the packaged application on its embedded defaults, {@code
 * documents} bilingual documents (Chinese and English operations vocabulary) written into its
 * database, the application started again so that its indexer puts them into the search node, and a
 * reader asking {@code GET /api/knowledge/documents?q=...} (with highlighting, facets and, for some
 * queries, filters) again and again. See README, "Knowledge base search".
 *
 * <pre>knowledge [documents] [seconds] [--jar=...] [--warmup=15] [--threads=1]</pre>
 */
public final class KnowledgeBench {

  static final String READER = "bench-reader";
  static final String PASSWORD = "Bench-reader-password-1";

  static final String[] ZH = {
    "数据库", "连接池", "支付网关", "超时", "磁盘", "内存泄漏", "负载均衡", "证书过期", "消息队列", "积压", "缓存击穿", "限流", "熔断",
    "回滚", "灰度发布", "告警", "慢查询", "主从切换", "网络抖动", "容器重启", "配置错误", "域名解析", "线程池", "死锁", "索引", "备份",
    "恢复", "健康检查", "探针", "预约挂号", "健康档案", "问诊服务", "短信通道", "推送", "对账", "订单", "库存", "登录失败", "验证码", "日志"
  };
  static final String[] EN = {
    "database",
    "connection",
    "pool",
    "gateway",
    "timeout",
    "disk",
    "memory",
    "leak",
    "certificate",
    "queue",
    "backlog",
    "cache",
    "throttle",
    "rollback",
    "release",
    "canary",
    "alert",
    "latency",
    "failover",
    "dns",
    "thread",
    "deadlock",
    "index",
    "backup",
    "restore",
    "probe",
    "kubernetes",
    "nginx",
    "redis",
    "kafka",
    "postgres",
    "checkout",
    "booking",
    "payment",
    "login",
    "captcha",
    "push",
    "ledger",
    "inventory",
    "logs"
  };
  static final String[] TYPES = {
    "runbook", "fault-handbook", "post-incident-review", "best-practice"
  };
  static final int SERVICES = 50;
  static final int TAGS = 40;

  private final int documents;
  private final int seconds;
  private final Path jar;
  private final int warmup;
  private final int threads;

  private KnowledgeBench(String[] args) {
    BenchArgs a = new BenchArgs(args);
    documents = a.position(0, 100_000);
    seconds = a.position(1, 60);
    jar = a.jar();
    warmup = a.option("warmup", 15);
    threads = a.option("threads", 1);
  }

  public static void main(String[] args) throws Exception {
    new KnowledgeBench(args).run();
  }

  private void run() throws Exception {
    BenchArgs.watchdog("knowledge", 40);

    String admin = PASSWORD + "-admin";
    Path dir;
    try (PackagedApplication first =
        PackagedApplication.start(jar, "suoke-knowledge-bench-", admin, List.of())) {
      dir = first.dir;
      long started = System.nanoTime();
      fill(first.dbPort);
      System.out.printf(
          "%d documents (and their first versions) written to the database in %.1f s%n",
          documents, (System.nanoTime() - started) / 1e9);
    }
    try (PackagedApplication app = PackagedApplication.restart(jar, dir, admin, List.of())) {
      HttpClient http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      signIn(http, app.base);
      awaitIndexed(http, app.base);
      query(http, app.base);
      System.out.printf("load average at the end: %s%n", loadAverage());
    }
    System.exit(0);
  }

  /**
   * The reader and the documents, written straight into the application's tables (as its service
   * writes them).
   */
  private void fill(int dbPort) throws Exception {
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + dbPort + "/postgres?reWriteBatchedInserts=true",
            "postgres",
            "")) {
      try (PreparedStatement user =
          c.prepareStatement(
              "INSERT INTO app_user (username, password_hash, display_name) VALUES (?, ?, 'Bench reader')")) {
        user.setString(1, READER);
        user.setString(2, hash);
        user.executeUpdate();
      }
      c.setAutoCommit(false);
      Random random = new Random(42);
      try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO knowledge_document (id, type, title, body, services,"
                      + " tags, version, created_by, updated_by) OVERRIDING SYSTEM VALUE VALUES (?, ?, ?, ?, ?, ?, 1,"
                      + " 'bench-writer', 'bench-writer')");
          PreparedStatement version =
              c.prepareStatement(
                  "INSERT INTO knowledge_version (document_id, version, title,"
                      + " body, services, tags, author) VALUES (?, 1, ?, ?, ?, ?, 'bench-writer')")) {
        for (int i = 1; i <= documents; i++) {
          String type = TYPES[i % TYPES.length];
          String title =
              ZH[random.nextInt(ZH.length)]
                  + ZH[random.nextInt(ZH.length)]
                  + " "
                  + EN[random.nextInt(EN.length)]
                  + " "
                  + i;
          String body = body(random);
          String[] services = {String.format("svc-%02d", random.nextInt(SERVICES))};
          String[] tags = {"tag-" + random.nextInt(TAGS), "tag-" + random.nextInt(TAGS)};
          insert.setLong(1, i);
          insert.setString(2, type);
          insert.setString(3, title);
          insert.setString(4, body);
          insert.setArray(5, c.createArrayOf("text", services));
          insert.setArray(6, c.createArrayOf("text", tags));
          insert.addBatch();
          version.setLong(1, i);
          version.setString(2, title);
          version.setString(3, body);
          version.setArray(4, c.createArrayOf("text", services));
          version.setArray(5, c.createArrayOf("text", tags));
          version.addBatch();
          if (i % 1000 == 0) {
            insert.executeBatch();
            version.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        version.executeBatch();
        c.commit();
      }
      try (var s = c.createStatement()) {
        s.execute(
            "SELECT setval(pg_get_serial_sequence('knowledge_document', 'id'), " + documents + ")");
      }
      c.commit();
    }
  }

  /** A Markdown body of 8-15 sentences mixing the two vocabularies (about 400-800 characters). */
  static String body(Random random) {
    StringBuilder body =
        new StringBuilder("## ").append(ZH[random.nextInt(ZH.length)]).append("\n\n");
    int sentences = 8 + random.nextInt(8);
    for (int s = 0; s < sentences; s++) {
      if (random.nextBoolean()) {
        body.append("当")
            .append(ZH[random.nextInt(ZH.length)])
            .append("出现")
            .append(ZH[random.nextInt(ZH.length)])
            .append("时，先检查")
            .append(ZH[random.nextInt(ZH.length)])
            .append("。");
      } else {
        body.append("Check the ")
            .append(EN[random.nextInt(EN.length)])
            .append(' ')
            .append(EN[random.nextInt(EN.length)])
            .append(" before the ")
            .append(EN[random.nextInt(EN.length)])
            .append(". ");
      }
      if (s % 4 == 3) {
        body.append("\n\n");
      }
    }
    return body.toString();
  }

  /**
   * Waits until the search holds every document (the indexer runs once the application is ready).
   */
  private void awaitIndexed(HttpClient http, String base) throws Exception {
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MINUTES.toNanos(20);
    long total = -1;
    Pattern pattern = Pattern.compile("\"total\":(\\d+)");
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = get(http, base + "/api/knowledge/documents?size=1");
      Matcher m = pattern.matcher(r.body());
      total = r.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : -1;
      if (total >= documents) {
        break;
      }
      Thread.sleep(1000);
    }
    System.out.printf(
        "search holds %d documents, %.1f s after the application was up again%n",
        total, (System.nanoTime() - started) / 1e9);
    if (total < documents) {
      throw new IllegalStateException("the search did not get every document");
    }
  }

  /** One query of each kind, drawn at random. */
  static String query(Random random, String kind) {
    String zh = ZH[random.nextInt(ZH.length)];
    String en = EN[random.nextInt(EN.length)];
    String q =
        switch (kind) {
          case "zh" -> zh;
          case "en" -> en;
          case "zh+en" -> zh + " " + en;
          default -> random.nextBoolean() ? zh : en;
        };
    StringBuilder url =
        new StringBuilder("/api/knowledge/documents?size=20&q=")
            .append(URLEncoder.encode(q, StandardCharsets.UTF_8));
    if (kind.equals("filtered")) {
      switch (random.nextInt(3)) {
        case 0 -> url.append("&type=").append(TYPES[random.nextInt(TYPES.length)]);
        case 1 ->
            url.append("&service=").append(String.format("svc-%02d", random.nextInt(SERVICES)));
        default -> url.append("&tag=tag-").append(random.nextInt(TAGS));
      }
    }
    return url.toString();
  }

  private void query(HttpClient http, String base) throws Exception {
    String[] kinds = {"zh", "zh", "zh", "zh", "en", "en", "en", "zh+en", "filtered", "filtered"};
    for (String kind : List.of("zh", "en", "zh+en", "filtered")) {
      HttpResponse<String> sample = get(http, base + query(new Random(7), kind));
      Matcher m = Pattern.compile("\"total\":(\\d+)").matcher(sample.body());
      System.out.printf(
          "sample %-8s -> %d, total %s, %d bytes%n",
          kind, sample.statusCode(), m.find() ? m.group(1) : "?", sample.body().length());
    }
    Map<String, Histogram> byKind = new LinkedHashMap<>();
    for (String kind : List.of("zh", "en", "zh+en", "filtered")) {
      byKind.put(kind, new Histogram(TimeUnit.SECONDS.toMicros(60), 3));
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
                  String kind = kinds[random.nextInt(kinds.length)];
                  String url = query(random, kind);
                  long start = System.nanoTime();
                  HttpResponse<String> r;
                  try {
                    r = get(http, base + url);
                  } catch (Exception e) {
                    errors.incrementAndGet();
                    continue;
                  }
                  long micros = (System.nanoTime() - start) / 1000;
                  if (r.statusCode() != 200) {
                    errors.incrementAndGet();
                  }
                  if (start >= warmupEnd) {
                    synchronized (all) {
                      all.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                      byKind.get(kind).recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                    }
                  }
                }
              },
              "knowledge-query-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "%nGET /api/knowledge/documents?q=..., %d documents, %d client thread(s), session cookie, %d s after"
            + " %d s warm-up, %d errors%n",
        documents, threads, seconds, warmup, errors.get());
    print("all queries", all);
    byKind.forEach((kind, h) -> print(kind, h));
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
