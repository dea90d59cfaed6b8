package life.suoke.ops.backend.oncall.handover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A handover record as the API shows it. Instants are ISO 8601 in UTC; absent values are null.
 *
 * @param status requested, prefilled, written or acknowledged
 * @param writeLate whether it was written after {@code writeDue} (or is not written and overdue
 *     now)
 * @param snapshot what was gathered at the change of shift ({@code openIncidents}, {@code
 *     silences}, {@code recentAlerts}, {@code plannedChanges}, {@code services}, {@code
 *     gatheredAt}); null before
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HandoverRecord(
    long id,
    String scheduleId,
    String team,
    int tier,
    String outgoingUser,
    String incomingUser,
    String shiftStart,
    String shiftEnd,
    String status,
    String writeDue,
    String acknowledgeWithin,
    String processInstanceKey,
    Map<String, Object> snapshot,
    String prefilledAt,
    String notes,
    String risks,
    String plannedChanges,
    String writtenBy,
    String writtenAt,
    boolean writeLate,
    String acknowledgedBy,
    String acknowledgedAt,
    String acknowledgementNote,
    String writeEscalatedAt,
    String acknowledgeEscalatedAt,
    String createdAt) {

  /** The record without the snapshot and the texts, as lists show it. */
  public HandoverRecord summary() {
    return new HandoverRecord(
        id,
        scheduleId,
        team,
        tier,
        outgoingUser,
        incomingUser,
        shiftStart,
        shiftEnd,
        status,
        writeDue,
        acknowledgeWithin,
        processInstanceKey,
        null,
        prefilledAt,
        null,
        null,
        null,
        writtenBy,
        writtenAt,
        writeLate,
        acknowledgedBy,
        acknowledgedAt,
        null,
        writeEscalatedAt,
        acknowledgeEscalatedAt,
        createdAt);
  }
}
