package life.suoke.ops.workers.adapters.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A DingTalk custom robot on loopback that checks the contract as DingTalk does: the access token,
 * the signature (recomputed with the secret), a timestamp within an hour, the JSON shape of each
 * message type, that every mentioned mobile or user id is also written into the text, and its own
 * limit of {@link #LIMIT_PER_MINUTE} messages a minute (by the signed timestamps). It fails on
 * demand.
 */
public final class FakeDingTalkRobot implements AutoCloseable {

  public static final int LIMIT_PER_MINUTE = 20;

  /** What to do with the next requests instead of answering normally. */
  public enum Failure {
    /** errcode 310000, as for a signature or keyword failure */
    ERRCODE_310000,
    /** errcode 130101, sending too fast */
    TOO_FAST,
    /** HTTP 500 */
    HTTP_500,
    /** answer only after {@link #SLOW} */
    SLOW
  }

  public static final Duration SLOW = Duration.ofSeconds(4);
  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9%._~-]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String accessToken = "robot-token-" + UUID.randomUUID();
  private final String secret = "SEC" + UUID.randomUUID().toString().replace("-", "");
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Failure> failures = new ConcurrentLinkedDeque<>();
  private final List<JsonNode> messages = new ArrayList<>();
  private final List<Long> timestamps = new ArrayList<>();
  private final List<String> rejections = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  public FakeDingTalkRobot() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/robot/send", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String webhook() {
    return "http://127.0.0.1:"
        + server.getAddress().getPort()
        + "/robot/send?access_token="
        + accessToken;
  }

  public String accessToken() {
    return accessToken;
  }

  public String secret() {
    return secret;
  }

  /** The next {@code times} requests fail so (after their checks). */
  public void failNext(Failure failure, int times) {
    for (int i = 0; i < times; i++) {
      failures.addLast(failure);
    }
  }

  /** Messages taken, in order. */
  public synchronized List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  /** The signed timestamps of the messages taken. */
  public synchronized List<Long> timestamps() {
    return List.copyOf(timestamps);
  }

  /** Why requests were refused by the checks (not by {@link #failNext}). */
  public synchronized List<String> rejections() {
    return List.copyOf(rejections);
  }

  /** Every request received, taken or not. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      String problem = checkRequest(exchange);
      JsonNode body = null;
      if (problem == null) {
        body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        problem = MessageShape.problem(body);
      }
      if (problem != null) {
        int errcode =
            problem.startsWith("sign") || problem.startsWith("timestamp")
                ? 310000
                : problem.equals("access token") ? 300001 : 40035;
        reject(exchange, errcode, problem);
        return;
      }
      Failure failure = failures.pollFirst();
      if (failure != null) {
        fail(exchange, failure);
        return;
      }
      long timestamp = Long.parseLong(query(exchange).get("timestamp"));
      synchronized (this) {
        long inLastMinute =
            timestamps.stream().filter(t -> t >= timestamp - 60_000 && t <= timestamp).count();
        if (inLastMinute >= LIMIT_PER_MINUTE) {
          rejections.add(
              "too fast: " + inLastMinute + " messages in the minute before " + timestamp);
          answer(
              exchange,
              200,
              "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}");
          return;
        }
        messages.add(body);
        timestamps.add(timestamp);
      }
      answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }
  }

  private String checkRequest(HttpExchange exchange) {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return "method " + exchange.getRequestMethod();
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      return "content type " + type;
    }
    Map<String, String> query = query(exchange);
    if (!accessToken.equals(query.get("access_token"))) {
      return "access token";
    }
    String timestamp = query.get("timestamp");
    String sign = query.get("sign");
    if (timestamp == null || sign == null || !timestamp.matches("\\d{13}")) {
      return "sign or timestamp missing";
    }
    long age = Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp));
    if (age > Duration.ofHours(1).toMillis()) {
      return "timestamp more than an hour away: " + age + " ms";
    }
    String expected = DingTalkTestSignature.of(secret, Long.parseLong(timestamp));
    if (!URL_SAFE.matcher(sign).matches()
        || !expected.equals(URLDecoder.decode(sign, StandardCharsets.UTF_8))) {
      return "sign not match";
    }
    return null;
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> values = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        values.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return values;
  }

  private synchronized void reject(HttpExchange exchange, int errcode, String why)
      throws IOException {
    rejections.add(why);
    answer(
        exchange,
        200,
        "{\"errcode\":" + errcode + ",\"errmsg\":\"" + why.replace("\"", "'") + "\"}");
  }

  private void fail(HttpExchange exchange, Failure failure) throws IOException {
    switch (failure) {
      case ERRCODE_310000 ->
          answer(exchange, 200, "{\"errcode\":310000,\"errmsg\":\"keywords not in content\"}");
      case TOO_FAST -> answer(exchange, 200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");
      case HTTP_500 -> answer(exchange, 500, "{\"message\":\"internal error\"}");
      case SLOW -> {
        try {
          Thread.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
      }
      default -> throw new IllegalStateException();
    }
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // the client gave up waiting
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** The JSON shape of each message type, and mentions written into the text. */
  static final class MessageShape {

    private MessageShape() {}

    static String problem(JsonNode body) {
      if (body == null || !body.isObject()) {
        return "body is not a JSON object";
      }
      String type = body.path("msgtype").asText("");
      return switch (type) {
        case "text" ->
            text(body, "text", "content")
                .orElse(mentions(body, body.path("text").path("content").asText()));
        case "markdown" ->
            text(body, "markdown", "title", "text")
                .orElse(mentions(body, body.path("markdown").path("text").asText()));
        case "link" -> text(body, "link", "title", "text", "messageUrl").orElse(null);
        case "actionCard" ->
            text(body, "actionCard", "title", "text", "singleTitle", "singleURL").orElse(null);
        default -> "msgtype " + type;
      };
    }

    private static java.util.Optional<String> text(JsonNode body, String object, String... fields) {
      JsonNode node = body.path(object);
      for (String field : fields) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
          return java.util.Optional.of(object + "." + field + " missing");
        }
      }
      return java.util.Optional.empty();
    }

    private static String mentions(JsonNode body, String text) {
      JsonNode at = body.path("at");
      if (at.isMissingNode()) {
        return null;
      }
      if (!at.path("atMobiles").isArray() && !at.path("atMobiles").isMissingNode()
          || !at.path("atUserIds").isArray() && !at.path("atUserIds").isMissingNode()
          || !at.path("isAtAll").isBoolean() && !at.path("isAtAll").isMissingNode()) {
        return "at has the wrong shape";
      }
      for (JsonNode mobile : at.path("atMobiles")) {
        if (!mobile.isTextual() || !mobile.asText().matches("\\+?\\d{6,15}")) {
          return "at.atMobiles: not a mobile";
        }
        if (!text.contains("@" + mobile.asText())) {
          return "mentioned mobile not written in the text";
        }
      }
      for (JsonNode user : at.path("atUserIds")) {
        if (!user.isTextual() || !text.contains("@" + user.asText())) {
          return "mentioned user id not written in the text";
        }
      }
      return null;
    }
  }
}
