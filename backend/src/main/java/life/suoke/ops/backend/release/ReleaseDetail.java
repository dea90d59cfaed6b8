package life.suoke.ops.backend.release;

import java.util.List;
import java.util.Map;

/**
 * One release: its request, the planned steps, the traffic changes in order (applied and undone),
 * every analysis with its measured values, the timeline, whether a person's decision is awaited,
 * and the actions allowed now.
 */
public record ReleaseDetail(
    ReleaseSummary release,
    Map<String, Object> strategy,
    Map<String, Object> target,
    Map<String, Object> analysis,
    List<Map<String, Object>> probes,
    List<Map<String, Object>> steps,
    Boolean verificationPassed,
    List<Map<String, Object>> probeResults,
    List<Map<String, Object>> traffic,
    List<Map<String, Object>> analyses,
    List<Map<String, Object>> events,
    boolean awaitingDecision,
    Long decisionTaskKey,
    List<String> actions) {}
