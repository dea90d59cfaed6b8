package life.suoke.ops.backend.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A knowledge base document in its current version: Markdown {@code body}, the services it is about
 * and its tags. A post-incident review names its incident.
 *
 * @param type {@code runbook}, {@code fault-handbook}, {@code post-incident-review} or {@code
 *     best-practice}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KnowledgeDocument(
    long id,
    String type,
    String title,
    String body,
    List<String> services,
    List<String> tags,
    String incidentNumber,
    int version,
    String createdBy,
    Instant createdAt,
    String updatedBy,
    Instant updatedAt) {

  public static final String RUNBOOK = "runbook";
  public static final String FAULT_HANDBOOK = "fault-handbook";
  public static final String POST_INCIDENT_REVIEW = "post-incident-review";
  public static final String BEST_PRACTICE = "best-practice";
  public static final List<String> TYPES =
      List.of(RUNBOOK, FAULT_HANDBOOK, POST_INCIDENT_REVIEW, BEST_PRACTICE);

  public KnowledgeDocument {
    services = services == null ? List.of() : List.copyOf(services);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
