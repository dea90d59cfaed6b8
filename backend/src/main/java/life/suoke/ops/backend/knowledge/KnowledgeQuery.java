package life.suoke.ops.backend.knowledge;

/**
 * A search of the knowledge base: words (any language; every word must be found), and filters by
 * type, service and tag (each exact); a page of {@code size} results (1-100).
 */
public record KnowledgeQuery(
    String q, String type, String service, String tag, int page, int size) {}
