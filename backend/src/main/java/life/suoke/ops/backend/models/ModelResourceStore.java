package life.suoke.ops.backend.models;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The content of every resource deployed through the application (table {@code model_resource}), by
 * kind, id and version: the Camunda API reads a process's XML back, but this engine has no
 * read-back of a decision's or a form's file, so the library opens those from here.
 */
@Repository
public class ModelResourceStore {

  /** One remembered resource. */
  public record Stored(
      String kind, String id, int version, String key, String resourceName, String content) {}

  private final JdbcTemplate jdbc;

  public ModelResourceStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void remember(
      long deploymentKey,
      List<ProcessModels.Resource> resources,
      List<ProcessModels.ModelFile> files) {
    Map<String, ProcessModels.ModelFile> byName =
        files.stream()
            .collect(
                Collectors.toMap(ProcessModels.ModelFile::name, Function.identity(), (a, b) -> a));
    for (ProcessModels.Resource r : resources) {
      ProcessModels.ModelFile file = byName.get(r.resourceName());
      if (file == null && files.size() == 1) {
        file = files.get(0);
      }
      if (file == null && "decision".equals(r.type())) {
        file =
            files.stream()
                .filter(
                    f ->
                        f.name().toLowerCase().endsWith(".dmn")
                            && new String(f.content(), StandardCharsets.UTF_8)
                                .contains("\"" + r.id() + "\""))
                .findFirst()
                .orElse(null);
      }
      if (file == null) {
        continue;
      }
      jdbc.update(
          """
          INSERT INTO model_resource (kind, resource_id, version, resource_key, resource_name, deployment_key, content)
          VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, resource_id, version) DO NOTHING""",
          r.type(),
          r.id(),
          r.version(),
          r.key(),
          file.name(),
          deploymentKey,
          new String(file.content(), StandardCharsets.UTF_8));
    }
  }

  /**
   * The remembered resources of one kind ({@code process}, {@code decision}, {@code form}), without
   * content.
   */
  public List<Stored> list(String kind) {
    return jdbc.query(
        "SELECT kind, resource_id, version, resource_key, resource_name FROM model_resource WHERE kind = ? "
            + "ORDER BY resource_id, version",
        (rs, i) ->
            new Stored(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                null),
        kind);
  }

  public Optional<Stored> find(String kind, String id, int version) {
    return jdbc
        .query(
            "SELECT kind, resource_id, version, resource_key, resource_name, content FROM model_resource "
                + "WHERE kind = ? AND resource_id = ? AND version = ?",
            (rs, i) ->
                new Stored(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6)),
            kind,
            id,
            version)
        .stream()
        .findFirst();
  }
}
