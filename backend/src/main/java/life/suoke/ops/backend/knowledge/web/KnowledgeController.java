package life.suoke.ops.backend.knowledge.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.knowledge.DocumentInput;
import life.suoke.ops.backend.knowledge.KnowledgeDiff;
import life.suoke.ops.backend.knowledge.KnowledgeDocument;
import life.suoke.ops.backend.knowledge.KnowledgeQuery;
import life.suoke.ops.backend.knowledge.KnowledgeSearch;
import life.suoke.ops.backend.knowledge.KnowledgeService;
import life.suoke.ops.backend.knowledge.KnowledgeVersion;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base over HTTP: search, documents, their versions and diffs. Every signed-in user
 * reads; everyone but auditors writes (the service decides).
 */
@RestController
@Tag(name = "Knowledge base")
class KnowledgeController {

  private static final int MAX_QUERY = 500;

  private final KnowledgeService service;
  private final KnowledgeSearch search;

  KnowledgeController(KnowledgeService service, KnowledgeSearch search) {
    this.service = service;
    this.search = search;
  }

  @GetMapping("/api/knowledge/documents")
  @Operation(
      summary =
          "Search the knowledge base (words in any language, filters by type, service and tag), with highlights")
  KnowledgeSearch.Page search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String tag,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size)
      throws IOException {
    if (q != null && q.length() > MAX_QUERY) {
      throw ApiProblem.badRequest("q", "must be at most " + MAX_QUERY + " characters");
    }
    if (type != null && !type.isBlank() && !KnowledgeDocument.TYPES.contains(type)) {
      throw ApiProblem.badRequest(
          "type", "must be one of " + String.join(", ", KnowledgeDocument.TYPES));
    }
    int p = number("page", page, 0, 500);
    int s = number("size", size, 1, 100);
    return search.search(
        new KnowledgeQuery(
            q, type, service, tag == null ? null : tag.toLowerCase(java.util.Locale.ROOT), p, s));
  }

  @PostMapping("/api/knowledge/documents")
  @Operation(summary = "Write a new runbook, fault handbook or best practice (version 1)")
  ResponseEntity<KnowledgeDocument> create(
      @RequestBody(required = false) DocumentInput body, CurrentUser user) {
    KnowledgeDocument created = service.create(user, body);
    return ResponseEntity.created(URI.create("/api/knowledge/documents/" + created.id()))
        .body(created);
  }

  @GetMapping("/api/knowledge/documents/{id}")
  @Operation(summary = "Read a document in its current version")
  KnowledgeDocument get(@PathVariable String id) {
    return service.get(id(id));
  }

  @PutMapping("/api/knowledge/documents/{id}")
  @Operation(
      summary =
          "Change a document: a new version (baseVersion: the version edited, else the latest)")
  KnowledgeDocument update(
      @PathVariable String id,
      @RequestBody(required = false) DocumentInput body,
      CurrentUser user) {
    return service.update(user, id(id), body);
  }

  @GetMapping("/api/knowledge/documents/{id}/versions")
  @Operation(
      summary = "List a document's versions, newest first (who wrote each, when, with the note)")
  List<KnowledgeVersion> versions(@PathVariable String id) {
    return service.versions(id(id));
  }

  @GetMapping("/api/knowledge/documents/{id}/versions/{version}")
  @Operation(summary = "Read one version of a document")
  KnowledgeVersion version(@PathVariable String id, @PathVariable String version) {
    return service.version(id(id), number("version", version, 1, Integer.MAX_VALUE));
  }

  @GetMapping("/api/knowledge/documents/{id}/diff")
  @Operation(summary = "The line diff between two versions of a document")
  KnowledgeDiff diff(@PathVariable String id, @RequestParam String from, @RequestParam String to) {
    return service.diff(
        id(id), number("from", from, 1, Integer.MAX_VALUE), number("to", to, 1, Integer.MAX_VALUE));
  }

  private static long id(String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiProblem.badRequest("id", "must be a document number");
  }

  private static int number(String field, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiProblem.badRequest(
        field,
        "must be a whole number from " + min + (max == Integer.MAX_VALUE ? "" : " to " + max));
  }
}
