package life.suoke.ops.backend.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry of a review's timeline: assembled from the incident's audit trail ({@code auditSeq}
 * set, {@code kind} the audit action) or added by a person ({@code kind} {@code manual}); its
 * summary may have been corrected ({@code editedBy}) and it may be hidden from the published
 * review.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineItem(
    long id,
    Instant at,
    String actor,
    String kind,
    String summary,
    Long auditSeq,
    boolean hidden,
    String editedBy,
    Instant editedAt) {}
