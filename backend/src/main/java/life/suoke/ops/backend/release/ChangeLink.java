package life.suoke.ops.backend.release;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The port between a release and its change (change management implements it). The contract:
 *
 * <ul>
 *   <li>{@link #openStandardChange}: a release requested without a change (from CI) asks for a
 *       change from a standard (pre-approved) template that matches the service; empty when none
 *       matches, and the request is then refused (400 naming {@code changeId}), nothing written.
 *   <li>{@link #unusable}: at the request, why the named change cannot carry a release (unknown, of
 *       another service, finished); the request is then refused (400 naming {@code changeId}).
 *   <li>{@link #check}: at the plan, and only then, whether the change is approved and now inside
 *       its window; a refusal ends the release as refused with the reason.
 *   <li>{@link #verdict}: every analysis verdict, to be written on the change.
 *   <li>{@link #outcome}: the release's outcome once: promoted (the change closes successful),
 *       backed-out (closes backed out; {@code incidentNumber} is the incident opened for it) or
 *       refused.
 * </ul>
 *
 * <p>Calls are made outside the release's own transactions and may be repeated after a retry, so
 * implementations are idempotent per release and step.
 */
public interface ChangeLink {

  /** The answer of {@link #check}: {@code reason} says why not when {@code allowed} is false. */
  record Approval(boolean allowed, String reason) {}

  Optional<String> openStandardChange(String service, String title, String requestedBy);

  Optional<String> unusable(String changeId, String service);

  Approval check(String changeId, String service, String releaseId, Instant at);

  void verdict(
      String changeId,
      String releaseId,
      Integer stepIndex,
      String verdict,
      Map<String, Object> summary);

  void outcome(String changeId, String releaseId, String outcome, String incidentNumber);
}
