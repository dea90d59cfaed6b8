package life.suoke.ops.backend.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a verification of the chain found.
 *
 * @param valid whether every row checked out
 * @param checked rows read, the broken one included
 * @param firstBrokenId id of the first row that does not check out, null when valid
 * @param firstBrokenSeq its sequence number
 * @param reason why it does not check out (hash mismatch, prev link broken, sequence gap, order),
 *     null when valid
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditVerification(
    boolean valid, long checked, Long firstBrokenId, Long firstBrokenSeq, String reason) {

  static AuditVerification ok(long checked) {
    return new AuditVerification(true, checked, null, null, null);
  }

  static AuditVerification broken(long checked, long id, long seq, String reason) {
    return new AuditVerification(false, checked, id, seq, reason);
  }
}
