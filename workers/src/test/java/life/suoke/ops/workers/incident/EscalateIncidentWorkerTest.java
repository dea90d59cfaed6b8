package life.suoke.ops.workers.incident;

import static life.suoke.ops.processes.incident.IncidentProcess.ESCALATE_ON_REQUEST_TASK;
import static life.suoke.ops.processes.incident.IncidentProcess.ESCALATE_OVERDUE_HANDLING_TASK;
import static life.suoke.ops.processes.incident.IncidentProcess.ESCALATE_OVERDUE_RESPONSE_TASK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Since when a stage is overdue: what the next escalation is counted from. */
class EscalateIncidentWorkerTest {

  static final String RESPONSE_DUE = "2026-12-03T10:30:00Z";
  static final String HANDLING_DUE = "2026-12-03T12:00:00Z";

  @Test
  void theFirstOverdueEscalationCountsFromTheStagesDeadline() {
    assertThat(
            EscalateIncidentWorker.overdueSince(
                ESCALATE_OVERDUE_RESPONSE_TASK, RESPONSE_DUE, HANDLING_DUE, null))
        .isEqualTo(RESPONSE_DUE);
    assertThat(
            EscalateIncidentWorker.overdueSince(
                ESCALATE_OVERDUE_HANDLING_TASK, RESPONSE_DUE, HANDLING_DUE, null))
        .isEqualTo(HANDLING_DUE);
  }

  @Test
  void aLaterEscalationCountsFromThePreviousOneButNotFromAnOlderStage() {
    assertThat(
            EscalateIncidentWorker.overdueSince(
                ESCALATE_OVERDUE_RESPONSE_TASK, RESPONSE_DUE, HANDLING_DUE, "2026-12-03T11:00:00Z"))
        .isEqualTo("2026-12-03T11:00:00Z");
    // the response stage's last escalation time is older than the handling deadline
    assertThat(
            EscalateIncidentWorker.overdueSince(
                ESCALATE_OVERDUE_HANDLING_TASK, RESPONSE_DUE, HANDLING_DUE, "2026-12-03T11:00:00Z"))
        .isEqualTo(HANDLING_DUE);
  }

  @Test
  void anEscalationOnRequestCountsFromNow() {
    assertThat(
            EscalateIncidentWorker.overdueSince(
                ESCALATE_ON_REQUEST_TASK, RESPONSE_DUE, HANDLING_DUE, null))
        .isNull();
  }
}
