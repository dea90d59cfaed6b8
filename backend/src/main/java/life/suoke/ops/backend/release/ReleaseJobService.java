package life.suoke.ops.backend.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.incident.IncidentIntake;
import life.suoke.ops.processes.release.ReleaseProcess;
import life.suoke.ops.processes.release.ReleaseStrategy;
import life.suoke.ops.workers.release.AnalysisResult;
import life.suoke.ops.workers.release.ReleaseJobs;
import life.suoke.ops.workers.release.SmokeProbes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The release records behind the release workers ({@link ReleaseJobs}). The plan asks the {@link
 * ChangeLink} whether the change allows the release now; verdicts and the outcome go to the change
 * too. A backed-out release opens an incident on its service through the incident intake, with the
 * failing analysis attached.
 */
@Service
public class ReleaseJobService implements ReleaseJobs {

  static final String SYSTEM = "system";

  private final ReleaseStore store;
  private final ChangeLink changes;
  private final IncidentIntake incidents;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final ObjectMapper json;

  public ReleaseJobService(
      ReleaseStore store,
      ChangeLink changes,
      IncidentIntake incidents,
      AuditTrail audit,
      TransactionTemplate tx,
      ObjectMapper json) {
    this.store = store;
    this.changes = changes;
    this.incidents = incidents;
    this.audit = audit;
    this.tx = tx;
    this.json = json;
  }

  private ReleaseStore.Row row(String id) {
    return store.find(id).orElseThrow(() -> new Refusal("no release " + id));
  }

  @Override
  public Release release(String releaseId) {
    ReleaseStore.Row r = row(releaseId);
    return new Release(
        r.id(),
        r.service(),
        r.stableVersion(),
        r.newVersion(),
        r.target(),
        r.analysis(),
        r.probes());
  }

  @Override
  public Plan plan(String releaseId) {
    ReleaseStore.Row r = row(releaseId);
    ChangeLink.Approval approval = changes.check(r.changeId(), r.service(), r.id(), Instant.now());
    if (!approval.allowed()) {
      store.event(releaseId, "refused", SYSTEM, approval.reason());
      return new Plan(false, approval.reason(), List.of(), "PT0S");
    }
    List<Map<String, Object>> steps;
    String keep;
    try {
      steps = ReleaseStrategy.steps(r.strategy());
      keep = ReleaseStrategy.keepPrevious(r.strategy());
    } catch (ReleaseStrategy.Invalid invalid) {
      throw new Refusal(invalid.field() + ": " + invalid.getMessage());
    }
    tx.executeWithoutResult(
        s -> {
          store.planned(releaseId, steps);
          store.stage(releaseId, "planned");
          store.event(releaseId, "planned", SYSTEM, approval.reason());
        });
    return new Plan(true, approval.reason(), steps, keep);
  }

  @Override
  public void stage(String releaseId, String stage, String note) {
    tx.executeWithoutResult(
        s -> {
          store.stage(releaseId, stage);
          store.event(releaseId, stage, SYSTEM, note);
        });
  }

  @Override
  public void stepApplied(String releaseId, int index, int weight) {
    tx.executeWithoutResult(
        s -> {
          store.stepApplied(releaseId, index, weight);
          store.stage(releaseId, "step-" + index);
        });
  }

  @Override
  public int stepUndone(String releaseId) {
    // compensation handlers run in any order: once the new version is scaled down, no undone step
    // sends traffic back to it
    Integer weight =
        tx.execute(
            s -> {
              int back = store.stepUndone(releaseId);
              return "scaled-down".equals(row(releaseId).stage()) ? 0 : back;
            });
    return weight == null ? 0 : weight;
  }

  @Override
  public void verified(String releaseId, boolean passed, List<SmokeProbes.ProbeResult> results) {
    tx.executeWithoutResult(
        s -> {
          store.verified(releaseId, passed, results);
          store.stage(releaseId, passed ? "verified" : "verification-failed");
          store.event(
              releaseId,
              passed ? "verified" : "verification-failed",
              SYSTEM,
              results.stream()
                  .filter(p -> !p.passed())
                  .map(p -> p.url() + ": " + p.note())
                  .reduce((a, b) -> a + "; " + b)
                  .orElse(
                      results.size() == 1 ? "1 probe passed" : results.size() + " probes passed"));
        });
  }

  @Override
  public void analysed(String releaseId, Integer stepIndex, AnalysisResult result) {
    ReleaseStore.Row r = row(releaseId);
    tx.executeWithoutResult(
        s -> {
          store.analysed(releaseId, stepIndex, result.phase(), result.verdict(), result);
          if (ReleaseProcess.VERDICT_INCONCLUSIVE.equals(result.verdict())) {
            store.status(releaseId, "paused");
          }
          store.event(
              releaseId,
              "analysis",
              SYSTEM,
              (stepIndex == null ? "performance" : "step " + (stepIndex + 1))
                  + ": "
                  + result.verdict());
        });
    changes.verdict(r.changeId(), releaseId, stepIndex, result.verdict(), summary(result));
  }

  @Override
  public void outcome(String releaseId, String outcome) {
    ReleaseStore.Row r = row(releaseId);
    String status =
        switch (outcome) {
          case ReleaseProcess.OUTCOME_PROMOTED -> "promoted";
          case ReleaseProcess.OUTCOME_BACKED_OUT -> "backed-out";
          case ReleaseProcess.OUTCOME_REFUSED -> "refused";
          default -> throw new Refusal("unknown outcome " + outcome);
        };
    if (status.equals(r.status())) {
      return; // recorded already (a retried job)
    }
    String incident = r.incidentNumber();
    if ("backed-out".equals(status) && incident == null) {
      incident = openIncident(r);
    }
    String opened = incident;
    tx.executeWithoutResult(
        s -> {
          store.finished(releaseId, status, opened);
          store.event(releaseId, status, SYSTEM, opened == null ? null : "incident " + opened);
        });
    changes.outcome(r.changeId(), releaseId, outcome, incident);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("outcome", outcome);
    details.put("service", r.service());
    details.put("change", r.changeId());
    if (incident != null) {
      details.put("incident", incident);
    }
    audit.record(
        AuditEvent.of(
                SYSTEM, ReleaseAuditActions.OUTCOME, ReleaseAuditActions.OBJECT_TYPE, releaseId)
            .withProcessInstance(r.processInstanceKey(), releaseId)
            .withDetails(details));
  }

  /**
   * An incident on the service, the failing analysis (or probes) in its description and on its
   * timeline.
   */
  private String openIncident(ReleaseStore.Row r) {
    List<Map<String, Object>> analyses = store.analyses(r.id());
    Map<String, Object> failing = null;
    for (Map<String, Object> analysis : analyses) {
      if (!"Successful".equals(analysis.get("verdict"))) {
        failing = analysis;
      }
    }
    StringBuilder description =
        new StringBuilder("Release ")
            .append(r.id())
            .append(" of ")
            .append(r.service())
            .append(" (")
            .append(r.stableVersion())
            .append(" -> ")
            .append(r.newVersion())
            .append(", change ")
            .append(r.changeId())
            .append(") was rolled back.\n");
    if (Boolean.FALSE.equals(r.verificationPassed())) {
      description.append("Functional verification failed.\n");
    }
    if (failing != null) {
      description
          .append("Analysis ")
          .append(
              failing.get("stepIndex") == null
                  ? "of the performance check"
                  : "at step " + failing.get("stepIndex"))
          .append(": ")
          .append(failing.get("verdict"))
          .append('\n');
      Object result = failing.get("result");
      if (result instanceof Map<?, ?> map && map.get("metrics") instanceof List<?> metrics) {
        for (Object metric : metrics) {
          if (metric instanceof Map<?, ?> m) {
            List<Object> values = new ArrayList<>();
            if (m.get("measurements") instanceof List<?> ms) {
              ms.forEach(x -> values.add(x instanceof Map<?, ?> mm ? mm.get("value") : null));
            }
            description
                .append("- ")
                .append(m.get("name"))
                .append(": ")
                .append(m.get("verdict"))
                .append(", values ")
                .append(values)
                .append('\n');
          }
        }
      }
    } else {
      description.append("Rolled back by a person.\n");
    }
    String number =
        incidents.open(
            new IncidentIntake.NewIncident(
                "Release " + r.id() + " of " + r.service() + " backed out",
                description.length() > 9000
                    ? description.substring(0, 9000)
                    : description.toString(),
                r.service(),
                "error",
                0,
                false,
                "alert",
                null,
                "release",
                "release:" + r.id(),
                Map.of(
                    "release",
                    r.id(),
                    "change",
                    String.valueOf(r.changeId()),
                    "version",
                    r.newVersion()),
                Instant.now()));
    if (failing != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("release", r.id());
      details.put("analysis", failing);
      try {
        incidents.alertActivity(number, "Analysis of release " + r.id() + " attached", details);
      } catch (RuntimeException e) {
        // the description holds the analysis already
      }
    }
    return number;
  }

  private Map<String, Object> summary(AnalysisResult result) {
    Map<String, Object> summary = new LinkedHashMap<>();
    for (AnalysisResult.MetricResult metric : result.metrics()) {
      summary.put(metric.name(), metric.verdict());
    }
    return summary;
  }
}
