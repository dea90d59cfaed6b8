package life.suoke.ops.backend.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.SearchResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The model library: every deployed process (from the Camunda API's process definition search, so
 * also those a CI job deployed straight to the cluster), decision and form (those deployed through
 * the application), with their versions and who deployed each when (from the audit trail's {@code
 * process.deploy} events; {@code system} for the processes module at start).
 */
@Service
public class ModelLibrary {

  /** One version of a model. {@code deployedBy} is null when the audit trail does not know it. */
  public record Version(
      int version, String key, String resourceName, String deployedBy, Instant deployedAt) {}

  /** A model with its versions, newest first. {@code kind}: process, decision or form. */
  public record Model(String kind, String id, String name, List<Version> versions) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamundaClient client;
  private final ModelResourceStore store;
  private final JdbcTemplate jdbc;

  public ModelLibrary(CamundaClient client, ModelResourceStore store, JdbcTemplate jdbc) {
    this.client = client;
    this.store = store;
    this.jdbc = jdbc;
  }

  public List<Model> models() {
    Map<String, String[]> deployers = deployers();
    Map<String, Model> models = new LinkedHashMap<>();
    for (ProcessDefinition definition : processDefinitions()) {
      Model model =
          models.computeIfAbsent(
              "process:" + definition.getProcessDefinitionId(),
              k ->
                  new Model(
                      "process",
                      definition.getProcessDefinitionId(),
                      definition.getName() == null
                          ? definition.getProcessDefinitionId()
                          : definition.getName(),
                      new ArrayList<>()));
      model
          .versions()
          .add(
              version(
                  deployers,
                  "process",
                  definition.getProcessDefinitionId(),
                  definition.getVersion(),
                  String.valueOf(definition.getProcessDefinitionKey()),
                  definition.getResourceName()));
    }
    for (String kind : List.of("decision", "form")) {
      for (ModelResourceStore.Stored stored : store.list(kind)) {
        Model model =
            models.computeIfAbsent(
                kind + ":" + stored.id(),
                k -> new Model(kind, stored.id(), stored.id(), new ArrayList<>()));
        model
            .versions()
            .add(
                version(
                    deployers,
                    kind,
                    stored.id(),
                    stored.version(),
                    stored.key(),
                    stored.resourceName()));
      }
    }
    models
        .values()
        .forEach(m -> m.versions().sort(Comparator.comparingInt(Version::version).reversed()));
    List<Model> list = new ArrayList<>(models.values());
    list.sort(
        Comparator.comparingInt(
                (Model m) -> List.of("process", "decision", "form").indexOf(m.kind()))
            .thenComparing(Model::id));
    return list;
  }

  /**
   * The file of one version: a process's XML from the Camunda API, a decision's or form's from the
   * store.
   */
  public String content(String kind, String id, int version) {
    if ("process".equals(kind)) {
      List<ProcessDefinition> found =
          client
              .newProcessDefinitionSearchRequest()
              .filter(f -> f.processDefinitionId(id).version(version))
              .send()
              .join()
              .items();
      if (found.isEmpty()) {
        throw ApiProblem.notFound("process " + id + " has no version " + version);
      }
      try {
        return client
            .newProcessDefinitionGetXmlRequest(found.get(0).getProcessDefinitionKey())
            .send()
            .join();
      } catch (ProblemException e) {
        if (e.code() == 404) { // deleted since the search listed it
          throw ApiProblem.notFound("process " + id + " has no version " + version);
        }
        throw e;
      }
    }
    if (!"decision".equals(kind) && !"form".equals(kind)) {
      throw ApiProblem.badRequest("kind", "is process, decision or form");
    }
    return store
        .find(kind, id, version)
        .map(ModelResourceStore.Stored::content)
        .orElseThrow(() -> ApiProblem.notFound(kind + " " + id + " has no version " + version));
  }

  private List<ProcessDefinition> processDefinitions() {
    List<ProcessDefinition> all = new ArrayList<>();
    String after = null;
    while (true) {
      String cursor = after;
      SearchResponse<ProcessDefinition> page =
          client
              .newProcessDefinitionSearchRequest()
              .sort(s -> s.processDefinitionId().asc().version().asc())
              .page(
                  p -> {
                    p.limit(500);
                    if (cursor != null) {
                      p.after(cursor);
                    }
                  })
              .send()
              .join();
      all.addAll(page.items());
      if (page.items().size() < 500 || page.page().endCursor() == null) {
        return all;
      }
      after = page.page().endCursor();
    }
  }

  private static Version version(
      Map<String, String[]> deployers,
      String kind,
      String id,
      int version,
      String key,
      String resourceName) {
    String[] who = deployers.get(kind + ":" + id + ":" + version);
    return new Version(
        version,
        key,
        resourceName,
        who == null ? null : who[0],
        who == null ? null : Instant.parse(who[1]));
  }

  /**
   * {@code kind:id:version} to the actor and time of the first deployment event that produced it.
   */
  private Map<String, String[]> deployers() {
    Map<String, String[]> found = new HashMap<>();
    jdbc.query(
        "SELECT actor, occurred_at, details FROM audit_event WHERE action = 'process.deploy' ORDER BY seq",
        rs -> {
          try {
            JsonNode details = JSON.readTree(rs.getString(3));
            String when = rs.getTimestamp(2).toInstant().toString();
            for (JsonNode resource : details.path("resources")) {
              found.putIfAbsent(resource.asText(), new String[] {rs.getString(1), when});
            }
          } catch (java.io.IOException e) {
            // a details text that is not JSON names no resources
          }
        });
    return found;
  }
}
