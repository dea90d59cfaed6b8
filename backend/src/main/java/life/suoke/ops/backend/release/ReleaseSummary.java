package life.suoke.ops.backend.release;

import java.time.Instant;

/** A release in the list. */
public record ReleaseSummary(
    String id,
    String service,
    String title,
    String changeId,
    String stableVersion,
    String newVersion,
    String strategy,
    String target,
    String status,
    int currentWeight,
    String stage,
    String incidentNumber,
    String requestedBy,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  static ReleaseSummary of(ReleaseStore.Row r) {
    return new ReleaseSummary(
        r.id(),
        r.service(),
        r.title(),
        r.changeId(),
        r.stableVersion(),
        r.newVersion(),
        String.valueOf(r.strategy().get("type")),
        String.valueOf(r.target().get("type")),
        r.status(),
        r.currentWeight(),
        r.stage(),
        r.incidentNumber(),
        r.requestedBy(),
        r.createdAt(),
        r.updatedAt(),
        r.finishedAt());
  }
}
