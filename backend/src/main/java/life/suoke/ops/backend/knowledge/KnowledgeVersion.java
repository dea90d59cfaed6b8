package life.suoke.ops.backend.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** One version of a document: what it said, who wrote it and when, with the author's note. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KnowledgeVersion(
    long documentId,
    int version,
    String title,
    String body,
    List<String> services,
    List<String> tags,
    String author,
    String changeNote,
    Instant createdAt) {}
