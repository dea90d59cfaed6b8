package life.suoke.ops.backend.oncall;

import java.util.Map;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Audits on-call changes: object {@code oncall-schedule}/id (leave and feed tokens: {@code
 * user}/name). Details name people, ranges and ids, never notes (free text) nor feed tokens.
 */
@Component
class OnCallAudit {

  static final String SCHEDULE = "oncall-schedule";
  static final String USER = "user";

  static final String SCHEDULE_CREATE = "oncall.schedule-create";
  static final String SCHEDULE_UPDATE = "oncall.schedule-update";
  static final String SCHEDULE_DELETE = "oncall.schedule-delete";
  static final String LAYER_CREATE = "oncall.layer-create";
  static final String LAYER_UPDATE = "oncall.layer-update";
  static final String LAYER_DELETE = "oncall.layer-delete";
  static final String OVERRIDE_CREATE = "oncall.override-create";
  static final String OVERRIDE_DELETE = "oncall.override-delete";
  static final String TAKE = "oncall.take-shift";
  static final String SWAP_REQUEST = "oncall.swap-request";
  static final String SWAP_ACCEPT = "oncall.swap-accept";
  static final String SWAP_DECLINE = "oncall.swap-decline";
  static final String SWAP_APPROVE = "oncall.swap-approve";
  static final String SWAP_REJECT = "oncall.swap-reject";
  static final String SWAP_CANCEL = "oncall.swap-cancel";
  static final String LEAVE_CREATE = "oncall.leave-create";
  static final String LEAVE_DELETE = "oncall.leave-delete";
  static final String FEED_TOKEN_CREATE = "oncall.feed-token-create";
  static final String FEED_TOKEN_DELETE = "oncall.feed-token-delete";
  static final String GAP_RAISED = "oncall.gap-raised";

  private final AuditTrail trail;

  OnCallAudit(AuditTrail trail) {
    this.trail = trail;
  }

  void schedule(String actor, String action, long scheduleId, Map<String, ?> details) {
    trail.record(
        AuditEvent.of(actor, action, SCHEDULE, Long.toString(scheduleId)).withDetails(details));
  }

  void user(String actor, String action, String username, Map<String, ?> details) {
    trail.record(AuditEvent.of(actor, action, USER, username).withDetails(details));
  }
}
