package life.suoke.ops.backend.incident;

import java.util.Map;
import java.util.Optional;

/**
 * The escalation policy of a service, as the generic escalation subprocess takes it (a map as
 * {@code EscalationPolicy.toMap()} builds it); empty when the service has none, and then the
 * incident process pages tier 1 itself. The on-call package answers it.
 */
public interface EscalationPolicyLookup {

  Optional<Map<String, Object>> policyFor(String service);
}
