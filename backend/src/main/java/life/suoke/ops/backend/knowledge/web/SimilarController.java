package life.suoke.ops.backend.knowledge.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.incident.IncidentDetail;
import life.suoke.ops.backend.incident.IncidentQueries;
import life.suoke.ops.backend.knowledge.KnowledgeDocument;
import life.suoke.ops.backend.knowledge.KnowledgeSearch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Similar incidents and runbooks" for an incident the caller may see: post-incident reviews and
 * runbooks / fault handbooks about its service or matching the values of its alert labels.
 */
@RestController
@Tag(name = "Knowledge base")
class SimilarController {

  static final int LIMIT = 5;
  private static final int MAX_WORDS = 20;

  /** The suggestions: reviews of earlier incidents and runbooks (with fault handbooks). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Similar(
      String incidentNumber,
      String service,
      List<String> labelWords,
      List<KnowledgeSearch.Result> incidents,
      List<KnowledgeSearch.Result> runbooks) {}

  private final IncidentQueries incidents;
  private final KnowledgeSearch search;

  SimilarController(IncidentQueries incidents, KnowledgeSearch search) {
    this.incidents = incidents;
    this.search = search;
  }

  @GetMapping("/api/incidents/{number}/similar")
  @Operation(
      summary =
          "Similar incidents (their post-incident reviews) and runbooks for an incident, from its service and alert labels")
  Similar similar(@PathVariable String number, CurrentUser user) throws IOException {
    IncidentDetail incident = incidents.get(user, number);
    List<String> words = labelWords(incident);
    String service = incident.summary().service();
    return new Similar(
        number,
        service,
        words,
        search.similar(
            service, words, List.of(KnowledgeDocument.POST_INCIDENT_REVIEW), number, LIMIT),
        search.similar(
            service,
            words,
            List.of(KnowledgeDocument.RUNBOOK, KnowledgeDocument.FAULT_HANDBOOK),
            number,
            LIMIT));
  }

  /**
   * The values of the incident's labels and of its alerts' labels (at most 20, each at most 100
   * characters).
   */
  @SuppressWarnings("unchecked")
  static List<String> labelWords(IncidentDetail incident) {
    Set<String> words = new LinkedHashSet<>();
    if (incident.labels() != null) {
      incident.labels().values().forEach(v -> add(words, v));
    }
    if (incident.alerts() != null) {
      for (Map<String, Object> alert : incident.alerts()) {
        if (alert.get("labels") instanceof Map<?, ?> labels) {
          ((Map<String, Object>) labels).values().forEach(v -> add(words, v));
        }
      }
    }
    return words.stream().limit(MAX_WORDS).toList();
  }

  private static void add(Set<String> words, Object value) {
    if (value != null) {
      String text = value.toString().strip();
      if (!text.isEmpty() && text.length() <= 100) {
        words.add(text);
      }
    }
  }
}
