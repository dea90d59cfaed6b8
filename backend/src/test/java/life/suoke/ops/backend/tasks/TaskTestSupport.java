package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the task API tests share: users and groups of their own, the test processes, HTTP calls as a
 * user.
 */
abstract class TaskTestSupport extends ApplicationTest {

  static final String PASSWORD = "Inbox-test-password-1";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
  private static volatile boolean deployed;

  @Autowired CamundaClient client;
  @Autowired TestRestTemplate http;
  @Autowired UserDirectory directory;
  @Autowired JdbcTemplate jdbc;
  @Autowired ObjectMapper json;

  void deploy() {
    synchronized (TaskTestSupport.class) {
      if (!deployed) {
        client
            .newDeployResourceCommand()
            .addResourceFromClasspath("tasks/tasks-form-test.bpmn")
            .addResourceFromClasspath("tasks/tasks-triage-form.form")
            .addResourceFromClasspath("tasks/tasks-inbox-test.bpmn")
            .send()
            .join();
        deployed = true;
      }
    }
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
  }

  String group(String prefix) {
    String name = unique(prefix);
    directory.createGroup(name, name);
    return name;
  }

  String user(String prefix, Set<String> groups) {
    return user(prefix, groups, Set.of());
  }

  String user(String prefix, Set<String> groups, Set<String> managed) {
    String name = unique(prefix);
    directory.createUser(
        new UserAccount(name, name, null, null, null, groups, managed, true), PASSWORD);
    return name;
  }

  /** Starts the inbox test process; its task is offered to the groups and users given. */
  long startReview(
      List<String> groups,
      List<String> users,
      int priority,
      String dueDate,
      String followUpDate,
      String businessKey) {
    deploy();
    Map<String, Object> variables = new HashMap<>();
    variables.put("candidateGroups", groups);
    variables.put("candidateUsers", users);
    variables.put("priority", priority);
    variables.put("dueDate", dueDate);
    variables.put("followUpDate", followUpDate);
    if (businessKey != null) {
      variables.put("businessKey", businessKey);
    }
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("tasks-inbox-test")
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  long startReview(List<String> groups) {
    return startReview(groups, List.of(), 50, "2040-01-01T00:00:00Z", "2040-01-01T00:00:00Z", null);
  }

  long startTriage(String businessKey) {
    deploy();
    Map<String, Object> variables = new HashMap<>();
    variables.put("businessKey", businessKey);
    variables.put("reporter", "monitoring");
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("tasks-form-test")
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** The open task of a process instance, once the search shows it. */
  long taskOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<UserTask> items =
                  client
                      .newUserTaskSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(processInstanceKey).state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items();
              return items.isEmpty() ? null : items.get(0).getUserTaskKey();
            },
            k -> k != null);
  }

  /** The task as the search shows it now. */
  UserTask task(long key) {
    return client.newUserTaskGetRequest(key).send().join();
  }

  /**
   * Waits until everything the engine wrote so far is in the search: a new instance's task shows up
   * only after every earlier record was projected, so a refused action that had changed something
   * would show by then.
   */
  void settle() {
    taskOf(startReview(List.of(unique("barrier"))));
  }

  int auditRows(long taskKey) {
    Integer n =
        jdbc.queryForObject(
            "SELECT count(*) FROM audit_event WHERE object_type = 'task' AND object_id = ?",
            Integer.class,
            String.valueOf(taskKey));
    return n == null ? 0 : n;
  }

  // HTTP as a user

  ResponseEntity<JsonNode> get(String user, String path) {
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.GET, new HttpEntity<>(accept()), JsonNode.class);
  }

  JsonNode getOk(String user, String path) {
    ResponseEntity<JsonNode> response = get(user, path);
    assertThat(response.getStatusCode().value())
        .as("GET %s: %s", path, response.getBody())
        .isEqualTo(200);
    return response.getBody();
  }

  ResponseEntity<JsonNode> post(String user, String path, Object body) {
    HttpHeaders headers = accept();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, PASSWORD)
        .exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  private static HttpHeaders accept() {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
    return headers;
  }

  static List<String> keys(JsonNode page) {
    List<String> keys = new java.util.ArrayList<>();
    page.path("items").forEach(item -> keys.add(item.path("key").asText()));
    return keys;
  }
}
