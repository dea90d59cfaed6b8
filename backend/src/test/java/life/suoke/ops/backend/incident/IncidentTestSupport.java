package life.suoke.ops.backend.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.catalog.JdbcServiceCatalog;
import life.suoke.ops.backend.catalog.ServiceDefinition;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.PagingGateway;
import life.suoke.ops.workers.notification.Notifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the incident tests share: users and groups of their own, the incident process (the real one
 * from the processes module when it is on the classpath, else a small test process with the
 * contract's ids, job types and messages), single-job processes to drive one worker, and HTTP calls
 * as a user.
 */
abstract class IncidentTestSupport extends ApplicationTest {

  static final String PASSWORD = "Incident-test-password-1";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
  private static final Set<String> JOB_PROCESSES = ConcurrentHashMap.newKeySet();

  @Autowired CamundaClient client;
  @Autowired TestRestTemplate http;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;
  @Autowired IncidentService service;
  @Autowired IncidentStore store;
  @Autowired IncidentNumbers numbers;
  @Autowired IncidentLifecycle lifecycle;
  @Autowired TransactionTemplate tx;
  @Autowired JdbcServiceCatalog catalog;

  /**
   * The application deploys the incident process of module processes at start; this waits for
   * nothing more.
   */
  void deployProcess() {
    knownService();
  }

  // ---- the service the catalog knows for these tests

  static final String KNOWN_SERVICE = "incident-test-core";
  static final String KNOWN_TIER1 = "incident-test-t1";
  static final String KNOWN_TIER2 = "incident-test-t2";
  static final String KNOWN_TIER3 = "incident-test-t3";
  static final String KNOWN_OWNERS = "incident-test-owners";

  /** {@link #KNOWN_SERVICE} in the service catalog (core class, its own tier and owner groups). */
  void knownService() {
    synchronized (IncidentTestSupport.class) {
      if (catalog.find(KNOWN_SERVICE).isEmpty()) {
        List.of(KNOWN_TIER1, KNOWN_TIER2, KNOWN_TIER3, KNOWN_OWNERS).forEach(this::ensureGroup);
        catalog.create(
            new ServiceDefinition(
                KNOWN_SERVICE,
                "Incident test core service",
                "core",
                KNOWN_OWNERS,
                KNOWN_TIER1,
                KNOWN_TIER2,
                KNOWN_TIER3,
                "default",
                List.of()),
            new CurrentUser("incident-tests", Set.of("admins")));
      }
    }
  }

  // ---- what was sent (the notification ledger and the gateways on loopback)

  /** A notification the notifier recorded as sent. */
  record Sent(String idempotencyKey, String recipient, Notifier.Urgency urgency, String channel) {}

  /** The notifications sent for an incident, in the order they were claimed. */
  List<Sent> sentFor(String number) {
    return jdbc.query(
        "SELECT idempotency_key, recipient, urgency, channel FROM notification"
            + " WHERE idempotency_key LIKE ? AND idempotency_key NOT LIKE '%#team' AND state = 'SENT' ORDER BY id",
        (rs, i) ->
            new Sent(
                rs.getString(1),
                rs.getString(2),
                Notifier.Urgency.valueOf(rs.getString(3)),
                rs.getString(4)),
        number + ":%");
  }

  /** The user's mobile number, as the directory has it. */
  String mobile(String username) {
    return directory.user(username).orElseThrow().mobile();
  }

  PagingGateway gateway() {
    return PagingGateway.shared();
  }

  // ---- people

  static String unique(String prefix) {
    return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
  }

  String group(String prefix) {
    String name = unique(prefix);
    directory.createGroup(name, name);
    return name;
  }

  void ensureGroup(String name) {
    if (!directory.groupExists(name)) {
      try {
        directory.createGroup(name, name);
      } catch (RuntimeException raced) {
        // another test created it meanwhile
      }
    }
  }

  String user(String prefix, String... groups) {
    return user(prefix, Set.of(groups), Set.of());
  }

  String user(String prefix, Set<String> groups, Set<String> managed) {
    groups.forEach(this::ensureGroup);
    String name = unique(prefix);
    directory.createUser(
        new UserAccount(
            name,
            name,
            null,
            String.format("+86 139%08d", NAMES.get()),
            null,
            groups,
            managed,
            true),
        PASSWORD);
    return name;
  }

  // ---- incidents

  /** Opens a user report through the intake, with the process started. */
  String openReport(String reporter, String severity, String serviceName) {
    deployProcess();
    return service.open(
        new IncidentIntake.NewIncident(
            "Checkout fails for user 13800000000",
            "Patient record page shows an error",
            serviceName,
            severity,
            12,
            false,
            "report",
            reporter,
            null,
            null,
            Map.of("team", "checkout"),
            null));
  }

  /**
   * Records an incident with priority, triaged, without any process instance (for driving single
   * jobs).
   */
  String recordOnly(String serviceName, String priority, String reporter) {
    Instant now = Instant.now();
    String number =
        tx.execute(
            status -> {
              String next = numbers.next(now);
              store.insert(
                  new IncidentStore.NewRow(
                      next,
                      "Record only",
                      null,
                      serviceName,
                      "support",
                      "error",
                      reporter == null ? "alert" : "report",
                      reporter,
                      reporter == null ? "alertmanager" : null,
                      null,
                      0,
                      false,
                      IncidentAccess.DEFAULT_TIER1,
                      IncidentAccess.DEFAULT_TIER2,
                      IncidentAccess.DEFAULT_TIER3,
                      "incident-managers",
                      "default",
                      now,
                      now,
                      Map.of()));
              return next;
            });
    lifecycle.triaged(number, priority);
    return number;
  }

  Incident incident(String number) {
    return store.find(number).orElseThrow();
  }

  Incident awaitStatus(String number, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(incident(number).status()));
    return incident(number);
  }

  /** The open user task of an element of the incident's process, once the search shows it. */
  UserTask awaitTask(String number, String elementId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Long key = incident(number).processInstanceKey();
              if (key == null) {
                return null;
              }
              List<UserTask> items =
                  client
                      .newUserTaskSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(key)
                                  .elementId(elementId)
                                  .state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              return items.isEmpty() ? null : items.get(0);
            },
            t -> t != null);
  }

  /**
   * Runs one job of {@code type} in a process of its own with these variables (and task headers);
   * its result variables.
   */
  Map<String, Object> runJob(
      String type, Map<String, String> headers, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(jobProcess(type, headers))
        .latestVersion()
        .variables(variables)
        .withResult()
        .requestTimeout(Duration.ofSeconds(60))
        .send()
        .join()
        .getVariablesAsMap();
  }

  /** Starts the single-job process without waiting; its instance key. */
  long startJob(String type, Map<String, String> headers, Map<String, Object> variables) {
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
        ("incident-job-" + type + "-" + String.join("-", headers.values()))
            .replaceAll("[^a-zA-Z0-9-]", "-");
    if (JOB_PROCESSES.add(id)) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess(id)
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

  static Map<String, Object> vars(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  // ---- HTTP as a user

  ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.GET, new HttpEntity<>(headers()), JsonNode.class);
  }

  JsonNode getOk(String user, String path) {
    ResponseEntity<JsonNode> response = get(user, path);
    assertThat(response.getStatusCode().value())
        .as("GET %s: %s", path, response.getBody())
        .isEqualTo(200);
    return response.getBody();
  }

  ResponseEntity<JsonNode> post(String user, String path, Object body) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers()), JsonNode.class);
  }

  JsonNode postOk(String user, String path, Object body) {
    ResponseEntity<JsonNode> response = post(user, path, body);
    assertThat(response.getStatusCode().value())
        .as("POST %s: %s", path, response.getBody())
        .isEqualTo(200);
    return response.getBody();
  }

  ResponseEntity<JsonNode> put(String user, String path, Object body) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers()), JsonNode.class);
  }

  private static HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  /** The field names of a problem's errors. */
  static List<String> fields(JsonNode problem) {
    List<String> fields = new java.util.ArrayList<>();
    problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  /** The audit rows of an incident: action and details text, in chain order. */
  List<Map<String, Object>> auditOf(String number) {
    return jdbc.queryForList(
        "SELECT actor, action, details FROM audit_event WHERE object_type = 'incident'"
            + " AND object_id = ? ORDER BY seq",
        number);
  }
}
