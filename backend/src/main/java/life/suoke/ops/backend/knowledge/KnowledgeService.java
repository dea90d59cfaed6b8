package life.suoke.ops.backend.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The knowledge base: documents with versions in PostgreSQL, each change a new version (who, when,
 * a note), the current version in search. Every signed-in user reads; everyone but auditors writes
 * runbooks, fault handbooks and best practices; post-incident reviews are written by their review
 * only ({@link #publishReview}). Bad input is refused before anything is written; the audit trail
 * records each change by document id, version and type (never titles or texts).
 */
@Service
public class KnowledgeService {

  public static final String OBJECT_TYPE = "knowledge-document";
  public static final String AUDIT_CREATE = "knowledge.create";
  public static final String AUDIT_UPDATE = "knowledge.update";

  static final int TITLE_MAX = 200;
  static final int BODY_MAX = 200_000;
  static final int MAX_LABELS = 20;
  private static final Pattern SERVICE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}$");
  private static final Logger log = LoggerFactory.getLogger(KnowledgeService.class);

  private final KnowledgeStore store;
  private final KnowledgeIndex index;
  private final AuditTrail audit;
  private final TransactionTemplate tx;

  KnowledgeService(
      KnowledgeStore store, KnowledgeIndex index, AuditTrail audit, TransactionTemplate tx) {
    this.store = store;
    this.index = index;
    this.audit = audit;
    this.tx = tx;
  }

  public KnowledgeDocument get(long id) {
    return store
        .find(id)
        .orElseThrow(() -> ApiProblem.notFound("There is no document " + id + "."));
  }

  public List<KnowledgeVersion> versions(long id) {
    get(id);
    return store.versions(id);
  }

  public KnowledgeVersion version(long id, int version) {
    get(id);
    return store
        .version(id, version)
        .orElseThrow(
            () -> ApiProblem.notFound("Document " + id + " has no version " + version + "."));
  }

  public KnowledgeDiff diff(long id, int from, int to) {
    KnowledgeVersion older = version(id, from);
    KnowledgeVersion newer = version(id, to);
    List<String> added = new ArrayList<>(newer.tags());
    added.removeAll(older.tags());
    List<String> removed = new ArrayList<>(older.tags());
    removed.removeAll(newer.tags());
    return new KnowledgeDiff(
        id,
        from,
        to,
        KnowledgeDiff.lines(older.body(), newer.body()),
        !older.title().equals(newer.title()),
        added,
        removed);
  }

  public KnowledgeDocument create(CurrentUser user, DocumentInput input) {
    writer(user);
    Valid valid = validate(input, true);
    long id =
        tx.execute(
            status -> {
              long created =
                  store.insert(
                      valid.type,
                      valid.title,
                      valid.body,
                      valid.services,
                      valid.tags,
                      null,
                      user.username(),
                      valid.changeNote);
              record(user.username(), AUDIT_CREATE, created, 1, valid.type, null);
              return created;
            });
    return indexed(get(id));
  }

  public KnowledgeDocument update(CurrentUser user, long id, DocumentInput input) {
    writer(user);
    KnowledgeDocument current = get(id);
    if (KnowledgeDocument.POST_INCIDENT_REVIEW.equals(current.type())) {
      throw ApiProblem.conflict(
          "Document " + id + " is a post-incident review; it changes through its review.");
    }
    Valid valid = validate(input, false);
    tx.executeWithoutResult(
        status -> {
          KnowledgeDocument locked =
              store
                  .lock(id)
                  .orElseThrow(() -> ApiProblem.notFound("There is no document " + id + "."));
          if (input.baseVersion() != null && input.baseVersion() != locked.version()) {
            throw ApiProblem.conflict(
                "Document "
                    + id
                    + " is at version "
                    + locked.version()
                    + ", not "
                    + input.baseVersion()
                    + ": someone changed it meanwhile.");
          }
          int version =
              store.update(
                  id,
                  locked.version(),
                  valid.type,
                  valid.title,
                  valid.body,
                  valid.services,
                  valid.tags,
                  user.username(),
                  valid.changeNote);
          record(user.username(), AUDIT_UPDATE, id, version, valid.type, null);
        });
    return indexed(get(id));
  }

  /**
   * Publishes (or re-publishes as a new version) the post-incident review of an incident, written
   * by {@code author}; the document.
   */
  public KnowledgeDocument publishReview(
      String incidentNumber,
      String title,
      String body,
      List<String> services,
      List<String> tags,
      String author) {
    String safeTitle = title.length() > TITLE_MAX ? title.substring(0, TITLE_MAX) : title;
    String safeBody = body.length() > BODY_MAX ? body.substring(0, BODY_MAX) : body;
    long id =
        tx.execute(
            status -> {
              var existing = store.findByIncident(incidentNumber);
              if (existing.isEmpty()) {
                long created =
                    store.insert(
                        KnowledgeDocument.POST_INCIDENT_REVIEW,
                        safeTitle,
                        safeBody,
                        services,
                        tags,
                        incidentNumber,
                        author,
                        "Published by the event review");
                record(
                    "system",
                    AUDIT_CREATE,
                    created,
                    1,
                    KnowledgeDocument.POST_INCIDENT_REVIEW,
                    incidentNumber);
                return created;
              }
              KnowledgeDocument doc = existing.get();
              if (doc.title().equals(safeTitle)
                  && doc.body().equals(safeBody)
                  && doc.tags().equals(tags)
                  && doc.services().equals(services)) {
                return doc.id(); // a retried job publishes nothing twice
              }
              int version =
                  store.update(
                      doc.id(),
                      doc.version(),
                      doc.type(),
                      safeTitle,
                      safeBody,
                      services,
                      tags,
                      author,
                      "Published again by the event review");
              record("system", AUDIT_UPDATE, doc.id(), version, doc.type(), incidentNumber);
              return doc.id();
            });
    return indexed(get(id));
  }

  private KnowledgeDocument indexed(KnowledgeDocument document) {
    try {
      index.put(document);
    } catch (IOException | RuntimeException e) {
      // the document is saved; the indexer puts it into search at the next start
      log.warn(
          "Knowledge document {} is saved but not in search yet: {}",
          document.id(),
          e.getClass().getSimpleName());
    }
    return document;
  }

  private void record(
      String actor, String action, long id, int version, String type, String incidentNumber) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version);
    details.put("type", type);
    AuditEvent event =
        AuditEvent.of(actor, action, OBJECT_TYPE, Long.toString(id)).withDetails(details);
    audit.record(incidentNumber == null ? event : event.withProcessInstance(null, incidentNumber));
  }

  private static void writer(CurrentUser user) {
    if (user.isAuditor()) {
      throw ApiProblem.forbidden("Auditors read the knowledge base; they do not change it.");
    }
  }

  private record Valid(
      String type,
      String title,
      String body,
      List<String> services,
      List<String> tags,
      String changeNote) {}

  private static Valid validate(DocumentInput input, boolean creating) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input == null) {
      throw ApiProblem.badRequest("body", "is required");
    }
    String type = input.type();
    if (type == null || !KnowledgeDocument.TYPES.contains(type)) {
      errors.add(
          new ApiProblem.FieldError(
              "type", "must be one of runbook, fault-handbook, best-practice"));
    } else if (KnowledgeDocument.POST_INCIDENT_REVIEW.equals(type)) {
      errors.add(
          new ApiProblem.FieldError(
              "type", "post-incident reviews are published by their event review"));
    }
    String title = input.title() == null ? null : input.title().strip();
    if (title == null || title.isEmpty()) {
      errors.add(new ApiProblem.FieldError("title", "is required"));
    } else if (title.length() > TITLE_MAX) {
      errors.add(
          new ApiProblem.FieldError("title", "must be at most " + TITLE_MAX + " characters"));
    }
    if (input.body() == null || input.body().isBlank()) {
      errors.add(new ApiProblem.FieldError("body", "is required"));
    } else if (input.body().length() > BODY_MAX) {
      errors.add(new ApiProblem.FieldError("body", "must be at most " + BODY_MAX + " characters"));
    }
    List<String> services = labels(input.services(), "services", errors, true);
    List<String> tags = labels(input.tags(), "tags", errors, false);
    if (input.changeNote() != null && input.changeNote().length() > 500) {
      errors.add(new ApiProblem.FieldError("changeNote", "must be at most 500 characters"));
    }
    if (!creating && input.baseVersion() != null && input.baseVersion() < 1) {
      errors.add(new ApiProblem.FieldError("baseVersion", "must be a version number (1 or more)"));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return new Valid(
        type,
        title,
        input.body(),
        services,
        tags,
        input.changeNote() == null || input.changeNote().isBlank()
            ? null
            : input.changeNote().strip());
  }

  private static List<String> labels(
      List<String> given, String field, List<ApiProblem.FieldError> errors, boolean service) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_LABELS) {
      errors.add(new ApiProblem.FieldError(field, "must have at most " + MAX_LABELS + " entries"));
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i < given.size(); i++) {
      String value = given.get(i) == null ? "" : given.get(i).strip();
      if (service ? !SERVICE.matcher(value).matches() : value.isEmpty() || value.length() > 50) {
        errors.add(
            new ApiProblem.FieldError(
                field + "[" + i + "]",
                service
                    ? "must be a service name (lower case letters, digits and dashes)"
                    : "must be 1 to 50 characters"));
      } else {
        out.add(service ? value : value.toLowerCase(java.util.Locale.ROOT));
      }
    }
    return List.copyOf(out);
  }
}
