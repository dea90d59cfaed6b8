package life.suoke.ops.workers.adapters.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMS or voice gateway on loopback that checks our gateway contract (workers/README.md): POST,
 * {@code Authorization: Bearer <token>}, a JSON object of exactly {@code to} (international
 * number), the text field and {@code idempotencyKey}. It takes a key once (a second message with
 * the same key is answered 200 and not delivered again) and fails on demand.
 */
public final class FakeMessageGateway implements AutoCloseable {

  /** What to do with the next requests after their checks. */
  public enum Failure {
    HTTP_500,
    HTTP_400,
    HTTP_429,
    SLOW
  }

  public static final Duration SLOW = Duration.ofSeconds(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String textField;
  private final String token = "gateway-token-" + UUID.randomUUID();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedDeque<Failure> failures = new ConcurrentLinkedDeque<>();
  private final List<JsonNode> delivered = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final List<String> rejections = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();

  /**
   * @param textField {@code text} (SMS) or {@code message} (voice)
   */
  public FakeMessageGateway(String textField) throws IOException {
    this.textField = textField;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/messages", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages";
  }

  public String token() {
    return token;
  }

  public void failNext(Failure failure, int times) {
    for (int i = 0; i < times; i++) {
      failures.addLast(failure);
    }
  }

  /** Messages delivered to phones, each key once. */
  public synchronized List<JsonNode> delivered() {
    return List.copyOf(delivered);
  }

  /** Why requests broke the contract. */
  public synchronized List<String> rejections() {
    return List.copyOf(rejections);
  }

  /** Every request received. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reject(exchange, 401, "bearer token");
        return;
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      JsonNode body;
      try {
        body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      } catch (IOException e) {
        reject(exchange, 400, "not JSON");
        return;
      }
      String problem = "POST".equals(exchange.getRequestMethod()) ? null : "method";
      if (problem == null && (type == null || !type.startsWith("application/json"))) {
        problem = "content type";
      }
      if (problem == null) {
        problem = problem(body);
      }
      if (problem != null) {
        reject(exchange, 400, problem);
        return;
      }
      Failure failure = failures.pollFirst();
      if (failure != null) {
        fail(exchange, failure);
        return;
      }
      synchronized (this) {
        if (!keys.add(body.path("idempotencyKey").asText())) {
          answer(exchange, 200, "{\"status\":\"duplicate\"}");
          return;
        }
        delivered.add(body);
      }
      answer(exchange, 202, "{\"status\":\"accepted\"}");
    }
  }

  private String problem(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "body is not an object";
    }
    Set<String> fields = new HashSet<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    if (!fields.equals(Set.of("to", textField, "idempotencyKey"))) {
      return "fields " + fields;
    }
    if (!body.path("to").isTextual() || !body.path("to").asText().matches("\\+[1-9]\\d{6,14}")) {
      return "to is not an international number";
    }
    if (!body.path(textField).isTextual() || body.path(textField).asText().isBlank()) {
      return textField + " missing";
    }
    if (!body.path("idempotencyKey").isTextual()
        || body.path("idempotencyKey").asText().isBlank()) {
      return "idempotencyKey missing";
    }
    return null;
  }

  private synchronized void reject(HttpExchange exchange, int status, String why)
      throws IOException {
    rejections.add(why);
    answer(exchange, status, "{\"error\":\"" + why.replace("\"", "'") + "\"}");
  }

  private void fail(HttpExchange exchange, Failure failure) throws IOException {
    switch (failure) {
      case HTTP_500 -> answer(exchange, 500, "{\"error\":\"internal\"}");
      case HTTP_400 -> answer(exchange, 400, "{\"error\":\"number not allowed\"}");
      case HTTP_429 -> answer(exchange, 429, "{\"error\":\"slow down\"}");
      case SLOW -> {
        try {
          Thread.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(exchange, 202, "{\"status\":\"accepted\"}");
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
}
