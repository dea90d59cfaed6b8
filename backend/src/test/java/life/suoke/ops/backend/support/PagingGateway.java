package life.suoke.ops.backend.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The outside ends of paging, on loopback, shared by the backend tests: a DingTalk custom robot
 * that checks the signature exactly as DingTalk does (HmacSHA256 of {@code timestamp + "\n" +
 * secret}, base64, in {@code sign}; the timestamp within an hour), and an SMS and a voice gateway
 * that check the bearer token and the payload. Each records what it took; a mobile number can be
 * made unreachable on every channel.
 */
public final class PagingGateway {

  public static final String DINGTALK_SECRET = "SEC-test-robot-secret";
  public static final String GATEWAY_TOKEN = "gateway-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PagingGateway shared;

  /**
   * One message a gateway took.
   *
   * @param channel dingtalk, sms or voice
   * @param to the mobile numbers (SMS and voice: one; DingTalk: the mentioned ones)
   * @param idempotencyKey the key (SMS and voice; null for DingTalk)
   */
  public record Delivery(
      String channel, List<String> to, String text, String idempotencyKey, Instant at) {}

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> submissions = new ConcurrentHashMap<>();

  private PagingGateway() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "paging-gateway");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/robot/send", this::dingtalk);
    server.createContext("/sms", exchange -> gateway(exchange, "sms", "text"));
    server.createContext("/voice", exchange -> gateway(exchange, "voice", "message"));
    server.start();
  }

  public static synchronized PagingGateway shared() {
    if (shared == null) {
      try {
        shared = new PagingGateway();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return shared;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The application's {@code suoke.notify} properties for these servers. */
  public Map<String, String> properties() {
    return Map.of(
        "suoke.notify.dingtalk.webhook",
        base() + "/robot/send?access_token=test-robot",
        "suoke.notify.dingtalk.secret",
        DINGTALK_SECRET,
        "suoke.notify.dingtalk.max-per-minute",
        "100000",
        "suoke.notify.sms.url",
        base() + "/sms",
        "suoke.notify.sms.token",
        GATEWAY_TOKEN,
        "suoke.notify.voice.url",
        base() + "/voice",
        "suoke.notify.voice.token",
        GATEWAY_TOKEN);
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** What reached a mobile number (digits compared), on any channel. */
  public List<Delivery> to(String mobile) {
    String digits = digits(mobile);
    return deliveries.stream()
        .filter(d -> d.to().stream().anyMatch(t -> sameNumber(t, digits)))
        .toList();
  }

  /** How often a key was submitted to a gateway (the gateway delivers it once, by its key). */
  public int submissions(String channel, String key) {
    return submissions.getOrDefault(channel + ":" + key, 0);
  }

  public void unreachable(String mobile) {
    unreachable.add(digits(mobile));
  }

  public void reachable(String mobile) {
    unreachable.remove(digits(mobile));
  }

  private boolean refuses(List<String> numbers) {
    return numbers.stream().anyMatch(n -> unreachable.stream().anyMatch(u -> sameNumber(n, u)));
  }

  private void dingtalk(HttpExchange exchange) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    long timestamp;
    try {
      timestamp = Long.parseLong(query.getOrDefault("timestamp", ""));
    } catch (NumberFormatException e) {
      answer(exchange, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match: no timestamp\"}");
      return;
    }
    if (!"test-robot".equals(query.get("access_token"))
        || Math.abs(System.currentTimeMillis() - timestamp) > 3_600_000
        || !sign(timestamp).equals(query.get("sign"))) {
      answer(exchange, 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    List<String> mobiles = new ArrayList<>();
    body.path("at").path("atMobiles").forEach(m -> mobiles.add(m.asText()));
    String text =
        body.path("markdown").path("text").asText(body.path("text").path("content").asText());
    if (refuses(mobiles)) {
      answer(exchange, 200, "{\"errcode\":400105,\"errmsg\":\"user not in group\"}");
      return;
    }
    deliveries.add(new Delivery("dingtalk", mobiles, text, null, Instant.now()));
    answer(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
  }

  private void gateway(HttpExchange exchange, String channel, String textField) throws IOException {
    if (!("Bearer " + GATEWAY_TOKEN)
        .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      answer(exchange, 401, "{\"error\":\"bad token\"}");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String to = body.path("to").asText("");
    String key = body.path("idempotencyKey").asText(null);
    if (to.isEmpty() || key == null || !body.hasNonNull(textField)) {
      answer(
          exchange, 400, "{\"error\":\"to, " + textField + " and idempotencyKey are required\"}");
      return;
    }
    if (refuses(List.of(to))) {
      answer(exchange, 400, "{\"error\":\"number not reachable\"}");
      return;
    }
    submissions.merge(channel + ":" + key, 1, Integer::sum);
    if (keys.add(channel + ":" + key)) {
      deliveries.add(
          new Delivery(channel, List.of(to), body.get(textField).asText(), key, Instant.now()));
    }
    answer(exchange, 200, "{\"accepted\":true}");
  }

  private static String sign(long timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(DINGTALK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(
              mac.doFinal((timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new java.util.HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return values;
  }

  /** The same number, with or without its country code. */
  private static boolean sameNumber(String a, String bDigits) {
    String aDigits = digits(a);
    return !aDigits.isEmpty()
        && !bDigits.isEmpty()
        && (aDigits.endsWith(bDigits) || bDigits.endsWith(aDigits));
  }

  private static String digits(String number) {
    return number == null ? "" : number.replaceAll("\\D", "");
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
