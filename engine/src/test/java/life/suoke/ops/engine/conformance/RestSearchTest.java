package life.suoke.ops.engine.conformance;

import static life.suoke.ops.engine.conformance.RestConformanceTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The searches of Camunda 8.8's REST API through the real client, over the engine's projection.
 * Searches are eventually consistent, as Camunda's are, so every assertion polls.
 */
class RestSearchTest {

  static EngineTestSupport engine;
  static CamundaClient client;

  @BeforeAll
  static void start() {
    engine = new EngineTestSupport(RestSearchTest.class);
    client = engine.connectRest();
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static BpmnModelInstance approval(String processId) {
    return Bpmn.createExecutableProcess(processId)
        .name("Change approval")
        .startEvent("received")
        .userTask(
            "approve",
            t ->
                t.name("Approve change")
                    .zeebeUserTask()
                    .zeebeCandidateGroups("cab, sre")
                    .zeebeTaskPriority("40"))
        .endEvent("done")
        .done();
  }

  static BpmnModelInstance oneTask(String processId, String jobType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent("start")
        .serviceTask("work", t -> t.name("Do the work").zeebeJobType(jobType))
        .endEvent("end")
        .done();
  }

  long deploy(BpmnModelInstance model, String name) {
    return client
        .newDeployResourceCommand()
        .addProcessModel(model, name)
        .send()
        .join()
        .getProcesses()
        .get(0)
        .getProcessDefinitionKey();
  }

  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  static <T> T eventually(Callable<T> search, Predicate<T> until) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(search, until);
  }

  List<UserTask> userTasksOf(long processInstanceKey) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items();
  }

  UserTask userTaskOf(long processInstanceKey) {
    return eventually(() -> userTasksOf(processInstanceKey), tasks -> tasks.size() == 1).get(0);
  }

  // ------------------------------------------------------------------------- user tasks

  @Test
  void userTasksAreFoundByStateAssigneeGroupAndVariablesAndSortedAndPaged() {
    deploy(approval("search-approval"), "search-approval.bpmn");
    long first = start("search-approval", Map.of("change", "CHG-1"));
    long second = start("search-approval", Map.of("change", "CHG-2"));
    long third = start("search-approval", Map.of("change", "CHG-3"));
    long firstTask = userTaskOf(first).getUserTaskKey();
    long secondTask = userTaskOf(second).getUserTaskKey();
    long thirdTask = userTaskOf(third).getUserTaskKey();

    client.newAssignUserTaskCommand(firstTask).assignee("alice").send().join();
    client
        .newUpdateUserTaskCommand(firstTask)
        .priority(90)
        .dueDate("2030-03-01T09:00:00Z")
        .send()
        .join();
    client
        .newUpdateUserTaskCommand(secondTask)
        .priority(70)
        .dueDate("2030-02-01T09:00:00Z")
        .candidateUsers("bob")
        .send()
        .join();
    client.newCompleteUserTaskCommand(thirdTask).variables(Map.of("approved", true)).send().join();

    List<UserTask> created =
        eventually(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.bpmnProcessId("search-approval").state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            tasks ->
                tasks.size() == 2
                    && tasks.stream()
                        .anyMatch(t -> "alice".equals(t.getAssignee()) && t.getPriority() == 90)
                    && tasks.stream().anyMatch(t -> t.getPriority() == 70));
    assertThat(created)
        .extracting(UserTask::getUserTaskKey)
        .containsExactlyInAnyOrder(firstTask, secondTask);

    UserTask completed =
        eventually(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f -> f.bpmnProcessId("search-approval").state(UserTaskState.COMPLETED))
                        .send()
                        .join()
                        .items(),
                tasks -> tasks.size() == 1)
            .get(0);
    assertThat(completed.getUserTaskKey()).isEqualTo(thirdTask);
    assertThat(completed.getCompletionDate()).isNotNull();

    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.assignee("alice").bpmnProcessId("search-approval"))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(firstTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(
                    f ->
                        f.candidateGroup("sre")
                            .state(UserTaskState.CREATED)
                            .bpmnProcessId("search-approval"))
                .send()
                .join()
                .items())
        .hasSize(2);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateUser("bob"))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(secondTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.priority(p -> p.gte(80)))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(firstTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(
                    f -> f.elementId("approve").processInstanceVariables(Map.of("change", "CHG-2")))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(secondTask);

    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.bpmnProcessId("search-approval"))
                .sort(s -> s.priority().desc())
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(firstTask, secondTask, thirdTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.bpmnProcessId("search-approval"))
                .sort(s -> s.dueDate().asc())
                .send()
                .join()
                .items())
        .as("tasks without a due date come last")
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(secondTask, firstTask, thirdTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.bpmnProcessId("search-approval"))
                .sort(s -> s.creationDate().desc())
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(thirdTask, secondTask, firstTask);

    SearchResponse<UserTask> page1 =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.bpmnProcessId("search-approval"))
            .sort(s -> s.priority().desc())
            .page(p -> p.limit(2))
            .send()
            .join();
    assertThat(page1.items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(firstTask, secondTask);
    assertThat(page1.page().totalItems()).isEqualTo(3);
    SearchResponse<UserTask> page2 =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.bpmnProcessId("search-approval"))
            .sort(s -> s.priority().desc())
            .page(p -> p.limit(2).after(page1.page().endCursor()))
            .send()
            .join();
    assertThat(page2.items()).extracting(UserTask::getUserTaskKey).containsExactly(thirdTask);
    SearchResponse<UserTask> back =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.bpmnProcessId("search-approval"))
            .sort(s -> s.priority().desc())
            .page(p -> p.limit(2).before(page2.page().startCursor()))
            .send()
            .join();
    assertThat(back.items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(firstTask, secondTask);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.bpmnProcessId("search-approval"))
                .sort(s -> s.priority().desc())
                .page(p -> p.from(1).limit(1))
                .send()
                .join()
                .items())
        .extracting(UserTask::getUserTaskKey)
        .containsExactly(secondTask);
  }

  @Test
  void aUserTaskIsReadByKeyWithAllItsAttributes() {
    deploy(approval("search-one-task"), "search-one-task.bpmn");
    long instance = start("search-one-task", Map.of());
    long key = userTaskOf(instance).getUserTaskKey();
    client.newAssignUserTaskCommand(key).assignee("carol").send().join();
    client.newUpdateUserTaskCommand(key).followUpDate("2031-05-06T07:08:09+02:00").send().join();

    UserTask task =
        eventually(
            () -> client.newUserTaskGetRequest(key).send().join(),
            t -> "carol".equals(t.getAssignee()) && t.getFollowUpDate() != null);
    assertThat(task.getName()).isEqualTo("Approve change");
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task.getElementId()).isEqualTo("approve");
    assertThat(task.getCandidateGroups()).containsExactly("cab", "sre");
    assertThat(task.getPriority()).isEqualTo(40);
    assertThat(task.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(task.getBpmnProcessId()).isEqualTo("search-one-task");
    assertThat(task.getProcessName()).isEqualTo("Change approval");
    assertThat(task.getCreationDate()).isBefore(OffsetDateTime.now().plusSeconds(1));
    assertThat(task.getFollowUpDate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2031-05-06T07:08:09+02:00").toInstant());
    assertThat(task.getDueDate()).isNull();
    assertThat(task.getTenantId()).isEqualTo("<default>");

    client.newUpdateUserTaskCommand(key).clearFollowUpDate().send().join();
    eventually(
        () -> client.newUserTaskGetRequest(key).send().join(), t -> t.getFollowUpDate() == null);

    client.newCancelInstanceCommand(instance).send().join();
    eventually(
        () -> client.newUserTaskGetRequest(key).send().join(),
        t -> t.getState() == UserTaskState.CANCELED);
    assertProblem(
        () -> client.newUserTaskGetRequest(key + 10_000).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains(String.valueOf(key + 10_000)));
  }

  /**
   * Counts of open tasks by candidate group (which the projection answers from its table of open
   * tasks per group) equal the number of tasks the same filter lists: tasks of one group and of
   * several, with and without candidate users, assigned or not, also after updates and completions.
   */
  @Test
  void countsOfOpenTasksByCandidateGroupAreExact() {
    for (boolean assigned : List.of(false, true)) {
      deploy(
          Bpmn.createExecutableProcess(assigned ? "count-assigned" : "count-open")
              .startEvent()
              .userTask(
                  "task",
                  t -> {
                    t.zeebeUserTask()
                        .zeebeCandidateGroupsExpression("groups")
                        .zeebeCandidateUsersExpression("users");
                    if (assigned) {
                      t.zeebeAssigneeExpression("assignee");
                    }
                  })
              .endEvent()
              .done(),
          assigned ? "count-assigned.bpmn" : "count-open.bpmn");
    }
    List<List<String>> groupSets =
        List.of(
            List.of("cnt-a"),
            List.of("cnt-b"),
            List.of("cnt-a", "cnt-b"),
            List.of("cnt-c"),
            List.of("cnt-a", "cnt-c"),
            List.of("cnt-b", "cnt-a", "cnt-c"));
    List<List<String>> userSets = List.of(List.of(), List.of("uma"), List.of("vic", "uma"));
    List<Long> instances = new java.util.ArrayList<>();
    for (List<String> groups : groupSets) {
      for (List<String> users : userSets) {
        for (String assignee : java.util.Arrays.asList(null, "uma", "wes")) {
          Map<String, Object> variables =
              new java.util.HashMap<>(Map.of("groups", groups, "users", users));
          if (assignee != null) {
            variables.put("assignee", assignee);
          }
          instances.add(start(assignee == null ? "count-open" : "count-assigned", variables));
        }
      }
    }
    List<Long> tasks = instances.stream().map(i -> userTaskOf(i).getUserTaskKey()).toList();
    client.newCompleteUserTaskCommand(tasks.get(0)).send().join();
    client.newCompleteUserTaskCommand(tasks.get(7)).send().join();
    client.newUpdateUserTaskCommand(tasks.get(3)).candidateGroups("cnt-c", "cnt-b").send().join();
    client.newUpdateUserTaskCommand(tasks.get(10)).candidateGroups("cnt-d").send().join();
    client.newAssignUserTaskCommand(tasks.get(4)).assignee("uma").send().join();
    eventually(
        () ->
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateGroup("cnt-d"))
                .send()
                .join()
                .items(),
        found -> found.size() == 1);
    eventually(
        () ->
            client
                .newUserTaskSearchRequest()
                .filter(
                    f ->
                        f.candidateGroup(p -> p.in("cnt-a", "cnt-b", "cnt-c", "cnt-d"))
                            .state(UserTaskState.CREATED))
                .send()
                .join()
                .items(),
        found ->
            found.size() == tasks.size() - 2
                && found.stream()
                    .anyMatch(
                        t ->
                            tasks.get(4).equals(t.getUserTaskKey())
                                && "uma".equals(t.getAssignee())));

    List<java.util.function.Consumer<io.camunda.client.api.search.filter.UserTaskFilter>> filters =
        List.of(
            f -> f.state(UserTaskState.CREATED).candidateGroup(p -> p.in("cnt-a", "cnt-b")),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-c", "cnt-a", "cnt-b"))
                    .assignee(p -> p.exists(false)),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-a", "cnt-b"))
                    .assignee(p -> p.neq("uma"))
                    .candidateUser(p -> p.neq("uma")),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-b", "cnt-a"))
                    .assignee(p -> p.exists(false))
                    .candidateUser(p -> p.neq("uma")),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-a", "cnt-c"))
                    .assignee(p -> p.exists(true).neq("uma"))
                    .candidateUser(p -> p.neq("uma")),
            f -> f.state(UserTaskState.CREATED).candidateGroup("cnt-a").candidateUser("uma"),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup("cnt-b")
                    .candidateUser(p -> p.exists(false)),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-a", "cnt-b", "cnt-c"))
                    .candidateUser(p -> p.exists(true)),
            f ->
                f.state(UserTaskState.CREATED)
                    .candidateGroup(p -> p.in("cnt-b", "cnt-c"))
                    .assignee("wes"),
            f -> f.state(UserTaskState.COMPLETED).candidateGroup(p -> p.in("cnt-a", "cnt-b")));
    for (int i = 0; i < filters.size(); i++) {
      var filter = filters.get(i);
      long listed =
          client
              .newUserTaskSearchRequest()
              .filter(filter)
              .page(p -> p.limit(1000))
              .send()
              .join()
              .items()
              .size();
      SearchResponse<UserTask> counted =
          client.newUserTaskSearchRequest().filter(filter).page(p -> p.limit(1)).send().join();
      assertThat(counted.page().totalItems()).as("filter %d", i).isEqualTo(listed);
      assertThat(listed).as("filter %d", i).isGreaterThan(1);
    }
  }

  // ------------------------------------------------------------------------- process instances

  @Test
  void processInstancesAreFoundByStateAndIncidentAndReadByKey() {
    long definitionKey =
        deploy(oneTask("search-instances", "search-instances"), "search-instances.bpmn");
    long completed = start("search-instances", Map.of("ticket", "T-1"));
    long canceled = start("search-instances", Map.of("ticket", "T-2"));
    long failing = start("search-instances", Map.of("ticket", "T-3"));
    long active = start("search-instances", Map.of("ticket", "T-4"));
    for (ActivatedJob job : activate("search-instances", 4)) {
      if (job.getProcessInstanceKey() == completed) {
        client.newCompleteCommand(job.getKey()).send().join();
      } else if (job.getProcessInstanceKey() == failing) {
        client
            .newFailCommand(job.getKey())
            .retries(0)
            .errorMessage("no route to host")
            .send()
            .join();
      }
    }
    client.newCancelInstanceCommand(canceled).send().join();

    List<ProcessInstance> all =
        eventually(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(f -> f.processDefinitionId("search-instances"))
                    .sort(s -> s.startDate().asc())
                    .send()
                    .join()
                    .items(),
            items ->
                items.size() == 4
                    && items.stream()
                            .filter(i -> i.getState() == ProcessInstanceState.ACTIVE)
                            .count()
                        == 2
                    && items.stream().anyMatch(ProcessInstance::getHasIncident));
    assertThat(all)
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(completed, canceled, failing, active);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(
                    f ->
                        f.processDefinitionId("search-instances")
                            .state(ProcessInstanceState.COMPLETED))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(completed);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(
                    f ->
                        f.processDefinitionId("search-instances")
                            .state(ProcessInstanceState.TERMINATED))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(canceled);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.hasIncident(true).processDefinitionKey(definitionKey))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(failing);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.variables(Map.of("ticket", "T-4")))
                .send()
                .join()
                .items())
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(active);
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId("search-instances"))
                .sort(s -> s.startDate().desc())
                .page(p -> p.limit(1))
                .send()
                .join())
        .satisfies(
            r -> {
              assertThat(r.items())
                  .extracting(ProcessInstance::getProcessInstanceKey)
                  .containsExactly(active);
              assertThat(r.page().totalItems()).isEqualTo(4);
            });

    ProcessInstance done = client.newProcessInstanceGetRequest(completed).send().join();
    assertThat(done.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(done.getProcessDefinitionKey()).isEqualTo(definitionKey);
    assertThat(done.getProcessDefinitionId()).isEqualTo("search-instances");
    assertThat(done.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(done.getStartDate()).isNotNull();
    assertThat(done.getEndDate()).isNotNull().isAfterOrEqualTo(done.getStartDate());
    assertThat(done.getHasIncident()).isFalse();
    assertProblem(
        () -> client.newProcessInstanceGetRequest(completed + 77_777).send().join(),
        404,
        "NOT_FOUND",
        d -> assertThat(d).contains(String.valueOf(completed + 77_777)));
  }

  @Test
  void variableFiltersMatchExactlyWhateverTheLengthOfTheValue() throws Exception {
    deploy(oneTask("search-values", "search-values"), "search-values.bpmn");
    String longA = "x".repeat(300) + "a";
    String longB = "x".repeat(300) + "b";
    String wide =
        "告警😀".repeat(100); // 300 characters, 400 UTF-16 units: past the indexed prefix either way
    String nearPrefix =
        "y".repeat(254); // 256 characters as JSON text, quotes included: exactly the prefix
    long a = start("search-values", Map.of("note", longA));
    long b = start("search-values", Map.of("note", longB));
    long c = start("search-values", Map.of("note", wide));
    long d = start("search-values", Map.of("note", "短"));
    long e = start("search-values", Map.of("note", nearPrefix));
    long f = start("search-values", Map.of("note", nearPrefix + "z"));
    eventually(
        () ->
            client
                .newProcessInstanceSearchRequest()
                .filter(x -> x.processDefinitionId("search-values"))
                .send()
                .join()
                .items(),
        items -> items.size() == 6);
    Map<String, Long> expected = new java.util.LinkedHashMap<>();
    expected.put(longA, a);
    expected.put(longB, b);
    expected.put(wide, c);
    expected.put("短", d);
    expected.put(nearPrefix, e);
    expected.put(nearPrefix + "z", f);
    expected.forEach(
        (value, instance) ->
            assertThat(
                    client
                        .newProcessInstanceSearchRequest()
                        .filter(
                            x ->
                                x.processDefinitionId("search-values")
                                    .variables(Map.of("note", value)))
                        .send()
                        .join()
                        .items())
                .as(
                    "instances whose note is %s",
                    value.length() > 20 ? value.substring(0, 20) + "…" : value)
                .extracting(ProcessInstance::getProcessInstanceKey)
                .containsExactly(instance));
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(
                    x ->
                        x.processDefinitionId("search-values")
                            .variables(Map.of("note", "x".repeat(300))))
                .send()
                .join()
                .items())
        .isEmpty();

    // one of several values ($in): all short, through the prefix; with long ones, compared whole
    assertThat(searchByNotes("\"短\"", "\"absent\""))
        .contains(Long.toString(d))
        .contains("\"totalItems\":1");
    assertThat(searchByNotes("\"" + longB + "\"", "\"短\"", "\"" + nearPrefix + "\""))
        .contains(Long.toString(b))
        .contains(Long.toString(d))
        .contains(Long.toString(e))
        .doesNotContain(Long.toString(a))
        .doesNotContain(Long.toString(f))
        .contains("\"totalItems\":3");
  }

  /**
   * A process instance search of {@code search-values} whose note is one of the values (JSON
   * strings).
   */
  String searchByNotes(String... jsonValues) throws Exception {
    String values =
        String.join(
            ",",
            java.util.Arrays.stream(jsonValues)
                .map(v -> '"' + v.substring(1, v.length() - 1) + '"')
                .toList());
    String body =
        "{\"filter\":{\"processDefinitionId\":\"search-values\",\"variables\":[{\"name\":\"note\",\"value\":{\"$in\":["
            + values
            + "]}}]}}";
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://127.0.0.1:"
                                + engine.engine.restPort()
                                + "/v2/process-instances/search"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void anInstanceCancelledWithAnIncidentNoLongerHasOne() {
    deploy(
        oneTask("search-cancel-incident", "search-cancel-incident"), "search-cancel-incident.bpmn");
    long instance = start("search-cancel-incident", Map.of());
    ActivatedJob job = activate("search-cancel-incident", 1).get(0);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("stuck").send().join();
    eventually(
        () ->
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).hasIncident(true))
                .send()
                .join()
                .items(),
        items -> items.size() == 1);

    client.newCancelInstanceCommand(instance).send().join();

    ProcessInstance cancelled =
        eventually(
            () -> client.newProcessInstanceGetRequest(instance).send().join(),
            pi -> pi.getState() == ProcessInstanceState.TERMINATED);
    assertThat(cancelled.getHasIncident()).isFalse();
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).hasIncident(true))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).hasIncident(false))
                .send()
                .join()
                .items())
        .hasSize(1);
  }

  // ------------------------------------------------------------------------- incidents

  @Test
  void incidentsAreActiveUntilResolved() {
    deploy(oneTask("search-incident", "search-incident"), "search-incident.bpmn");
    long instance = start("search-incident", Map.of());
    ActivatedJob job = activate("search-incident", 1).get(0);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("disk full").send().join();

    Incident incident =
        eventually(
                () ->
                    client
                        .newIncidentSearchRequest()
                        .filter(f -> f.processInstanceKey(instance))
                        .send()
                        .join()
                        .items(),
                items -> items.size() == 1)
            .get(0);
    assertThat(incident.getState()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("disk full");
    assertThat(incident.getElementId()).isEqualTo("work");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());
    assertThat(incident.getProcessDefinitionId()).isEqualTo("search-incident");
    assertThat(incident.getCreationTime()).isNotNull();
    assertThat(
            client
                .newIncidentSearchRequest()
                .filter(
                    f ->
                        f.errorType(IncidentErrorType.JOB_NO_RETRIES)
                            .state(IncidentState.ACTIVE)
                            .processInstanceKey(instance))
                .send()
                .join()
                .items())
        .hasSize(1);
    ElementInstance failed =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance).elementId("work"))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(failed.getIncident()).isTrue();
    assertThat(failed.getIncidentKey()).isEqualTo(incident.getIncidentKey());

    client.newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    eventually(
        () ->
            client
                .newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items(),
        items -> items.size() == 1 && items.get(0).getState() == IncidentState.RESOLVED);
    eventually(
        () -> client.newProcessInstanceGetRequest(instance).send().join(),
        pi -> !pi.getHasIncident());
    assertThat(
            client
                .newIncidentSearchRequest()
                .filter(f -> f.processInstanceKey(instance).state(IncidentState.ACTIVE))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  // ------------------------------------------------------------------------- variables, element
  // instances

  @Test
  void variablesKeepTheirCurrentValueAlsoAfterTheInstanceCompleted() {
    deploy(oneTask("search-vars", "search-vars"), "search-vars.bpmn");
    long instance =
        start("search-vars", Map.of("ticket", "INC-9", "count", 1, "meta", Map.of("sev", 2)));
    ActivatedJob job = activate("search-vars", 1).get(0);
    client
        .newCompleteCommand(job.getKey())
        .variables(Map.of("count", 2, "resolution", "rebooted"))
        .send()
        .join();

    List<Variable> variables =
        eventually(
            () ->
                client
                    .newVariableSearchRequest()
                    .filter(f -> f.processInstanceKey(instance))
                    .sort(s -> s.name().asc())
                    .send()
                    .join()
                    .items(),
            items ->
                items.size() == 4
                    && items.stream()
                        .anyMatch(v -> v.getName().equals("count") && v.getValue().equals("2")));
    assertThat(variables)
        .extracting(Variable::getName)
        .containsExactly("count", "meta", "resolution", "ticket");
    assertThat(variables)
        .extracting(Variable::getValue)
        .containsExactly("2", "{\"sev\":2}", "\"rebooted\"", "\"INC-9\"");
    assertThat(variables)
        .allSatisfy(
            v -> {
              assertThat(v.getScopeKey()).isEqualTo(instance);
              assertThat(v.getProcessInstanceKey()).isEqualTo(instance);
            });
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.name("ticket").value("\"INC-9\""))
                .send()
                .join()
                .items())
        .extracting(Variable::getProcessInstanceKey)
        .containsExactly(instance);
    assertThat(
            client
                .newVariableSearchRequest()
                .filter(f -> f.processInstanceKey(instance).name(n -> n.like("t*")))
                .send()
                .join()
                .items())
        .extracting(Variable::getName)
        .containsExactly("ticket");
    Variable byKey = client.newVariableGetRequest(variables.get(0).getVariableKey()).send().join();
    assertThat(byKey.getName()).isEqualTo("count");
  }

  @Test
  void elementInstancesShowEveryStepWithTypesStatesAndNames() {
    deploy(oneTask("search-elements", "search-elements"), "search-elements.bpmn");
    long instance = start("search-elements", Map.of());
    ActivatedJob job = activate("search-elements", 1).get(0);

    List<ElementInstance> running =
        eventually(
            () ->
                client
                    .newElementInstanceSearchRequest()
                    .filter(f -> f.processInstanceKey(instance))
                    .sort(s -> s.startDate().asc())
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 2);
    assertThat(running).extracting(ElementInstance::getElementId).containsExactly("start", "work");
    assertThat(running)
        .extracting(ElementInstance::getState)
        .containsExactly(ElementInstanceState.COMPLETED, ElementInstanceState.ACTIVE);
    assertThat(running.get(1).getType()).isEqualTo(ElementInstanceType.SERVICE_TASK);
    assertThat(running.get(1).getElementName()).isEqualTo("Do the work");
    assertThat(running.get(1).getElementInstanceKey()).isEqualTo(job.getElementInstanceKey());

    client.newCompleteCommand(job.getKey()).send().join();
    List<ElementInstance> done =
        eventually(
            () ->
                client
                    .newElementInstanceSearchRequest()
                    .filter(
                        f -> f.processInstanceKey(instance).state(ElementInstanceState.COMPLETED))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 3);
    assertThat(done)
        .extracting(ElementInstance::getType)
        .containsExactlyInAnyOrder(
            ElementInstanceType.START_EVENT,
            ElementInstanceType.SERVICE_TASK,
            ElementInstanceType.END_EVENT);
    assertThat(done).allSatisfy(e -> assertThat(e.getEndDate()).isNotNull());
    assertThat(
            client
                .newElementInstanceGetRequest(job.getElementInstanceKey())
                .send()
                .join()
                .getElementId())
        .isEqualTo("work");
  }

  // ------------------------------------------------------------------------- process definitions

  @Test
  void processDefinitionsAreFoundByIdAndLatestVersion() {
    BpmnModelInstance v1 = approval("search-defs");
    long first = deploy(v1, "search-defs.bpmn");
    long second = deploy(oneTask("search-defs", "defs"), "search-defs.bpmn");

    var all =
        eventually(
            () ->
                client
                    .newProcessDefinitionSearchRequest()
                    .filter(f -> f.processDefinitionId("search-defs"))
                    .sort(s -> s.version().desc())
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 2);
    assertThat(all).extracting(d -> d.getProcessDefinitionKey()).containsExactly(second, first);
    assertThat(all.get(1).getName()).isEqualTo("Change approval");
    assertThat(all.get(1).getResourceName()).isEqualTo("search-defs.bpmn");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("search-defs").isLatestVersion(true))
                .send()
                .join()
                .items())
        .extracting(d -> d.getVersion())
        .containsExactly(2);
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.name("Change approval"))
                .send()
                .join()
                .items())
        .extracting(d -> d.getProcessDefinitionKey())
        .containsExactly(first);
  }

  @Test
  void anUnknownSortFieldOrFilterIsA400() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:" + engine.engine.restPort() + "/v2/user-tasks/search"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"sort\":[{\"field\":\"colour\"}]}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("colour");
    var plain =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(
                        "http://127.0.0.1:" + engine.engine.restPort() + "/v2/user-tasks/search"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"filter\":{\"assignee\":\"nobody-at-all\",\"priority\":50}}"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).as("plain values filter by equality").isEqualTo(200);
    assertThat(plain.body()).contains("\"items\":[]").contains("\"totalItems\":0");
  }

  List<ActivatedJob> activate(String type, int count) {
    return eventually(
        () ->
            client
                .newActivateJobsCommand()
                .jobType(type)
                .maxJobsToActivate(count)
                .requestTimeout(Duration.ofSeconds(1))
                .send()
                .join()
                .getJobs(),
        jobs -> jobs.size() == count);
  }
}
