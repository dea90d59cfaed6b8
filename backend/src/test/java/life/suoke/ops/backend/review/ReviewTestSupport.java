package life.suoke.ops.backend.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the review and knowledge base tests share: users and groups of their own, incidents written
 * straight into their table (closed, with a commander), and JSON over HTTP as a user.
 */
public abstract class ReviewTestSupport extends ApplicationTest {

  protected static final String PASSWORD = "Review-test-password-1";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient httpClient = HttpClient.newHttpClient();

  private static final java.util.Set<String> JOB_PROCESSES =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Autowired protected UserDirectory directory;
  @Autowired protected io.camunda.client.CamundaClient client;
  @Autowired protected JdbcTemplate jdbc;
  @LocalServerPort protected int port;

  /** A response: status and JSON body (null when empty). */
  public record Response(int status, JsonNode body) {

    /** The field names of a problem's errors. */
    public List<String> fields() {
      List<String> fields = new ArrayList<>();
      body.path("errors").forEach(e -> fields.add(e.path("field").asText()));
      return fields;
    }
  }

  protected static String unique(String prefix) {
    return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
  }

  protected String group(String prefix) {
    String name = unique(prefix);
    directory.createGroup(name, name);
    return name;
  }

  protected void ensureGroup(String name) {
    if (!directory.groupExists(name)) {
      try {
        directory.createGroup(name, name);
      } catch (RuntimeException raced) {
        // created meanwhile
      }
    }
  }

  protected String user(String prefix, Set<String> groups, Set<String> managed) {
    groups.forEach(this::ensureGroup);
    String name = unique(prefix);
    directory.createUser(
        new UserAccount(
            name,
            name,
            null,
            String.format("+86 138%08d", NAMES.get()),
            null,
            groups,
            managed,
            true),
        PASSWORD);
    return name;
  }

  protected String user(String prefix, String... groups) {
    return user(prefix, Set.of(groups), Set.of());
  }

  /** A closed incident of the service, with its commander, closed at {@code closedAt}. */
  protected String closedIncident(
      String service, String priority, String commander, Instant closedAt, String labelsJson) {
    String number = "INC-20261101-" + (100000 + ThreadLocalRandom.current().nextInt(900000));
    jdbc.update(
        "INSERT INTO incident (number, title, service, service_class, severity, status, source, tier1_group,"
            + " tier2_group, tier3_group, manager_group, calendar_id, detected_at, priority, commander, handler,"
            + " resolved_at, closed_at, labels) VALUES (?, 'Checkout is down', ?, 'core', 'critical', 'closed', 'alert',"
            + " 'tier1-oncall', 'tier2', 'tier3', 'incident-managers', 'default', ?, ?, ?, ?, ?, ?, ?::jsonb)",
        number,
        service,
        Timestamp.from(closedAt.minusSeconds(3600)),
        priority,
        commander,
        commander,
        Timestamp.from(closedAt.minusSeconds(600)),
        Timestamp.from(closedAt),
        labelsJson);
    return number;
  }

  protected Response get(String user, String path) {
    return send(user, "GET", path, null);
  }

  protected JsonNode getOk(String user, String path) {
    Response response = get(user, path);
    assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return response.body();
  }

  protected Response post(String user, String path, Object body) {
    return send(user, "POST", path, body);
  }

  protected Response put(String user, String path, Object body) {
    return send(user, "PUT", path, body);
  }

  protected Response patch(String user, String path, Object body) {
    return send(user, "PATCH", path, body);
  }

  protected Response send(String user, String method, String path, Object body) {
    try {
      String text =
          body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("Accept", "application/json, application/problem+json")
              .header("Content-Type", "application/json")
              .header(
                  "Authorization",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text))
              .build();
      HttpResponse<String> response =
          httpClient.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body() == null || response.body().isBlank()
              ? null
              : JSON.readTree(response.body());
      return new Response(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs one job of {@code type} in a process of its own with these variables and task headers; its
   * result variables.
   */
  protected Map<String, Object> runJob(
      String type, Map<String, String> headers, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(jobProcess(type, headers))
        .latestVersion()
        .variables(variables)
        .withResult()
        .requestTimeout(java.time.Duration.ofSeconds(60))
        .send()
        .join()
        .getVariablesAsMap();
  }

  /** Starts the single-job process without waiting; its instance key. */
  protected long startJob(String type, Map<String, String> headers, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(jobProcess(type, headers))
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private String jobProcess(String type, Map<String, String> headers) {
    String id =
        ("review-job-" + type + "-" + String.join("-", headers.values()))
            .replaceAll("[^a-zA-Z0-9-]", "-");
    if (JOB_PROCESSES.add(id)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess(id)
                  .startEvent()
                  .serviceTask(
                      "job",
                      t -> {
                        t.zeebeJobType(type);
                        headers.forEach(t::zeebeTaskHeader);
                      })
                  .endEvent()
                  .done(),
              id + ".bpmn")
          .send()
          .join();
    }
    return id;
  }

  /**
   * The notifications sent (claimed and sent) whose key starts with the prefix: key, recipient,
   * urgency.
   */
  protected List<List<String>> sent(String keyPrefix) {
    return jdbc.query(
        "SELECT idempotency_key, recipient, urgency FROM notification WHERE idempotency_key LIKE ?"
            + " AND idempotency_key NOT LIKE '%#team' AND state = 'SENT' ORDER BY id",
        (rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)), keyPrefix + "%");
  }

  protected static Map<String, Object> completion(Map<String, Object> variables) {
    return Map.of("variables", variables);
  }
}
