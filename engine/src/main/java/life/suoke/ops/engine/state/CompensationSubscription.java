package life.suoke.ops.engine.state;

import java.util.Map;
import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;

/**
 * A compensation subscription (Zeebe's COMPENSATION_SUBSCRIPTION): an activity instance that
 * completed and can be compensated, or a subprocess (or multi-instance body) that completed with
 * such activities inside. {@code value} is the record value of its last event (CREATED or
 * TRIGGERED); a triggered subscription names its throw event and handler instance.
 */
public record CompensationSubscription(long key, Map<String, Object> value) {

  public String compensableActivityId() {
    return typed().compensableActivityId();
  }

  public long compensableActivityInstanceKey() {
    return typed().compensableActivityInstanceKey();
  }

  public long compensableActivityScopeKey() {
    return typed().compensableActivityScopeKey();
  }

  public String compensationHandlerId() {
    return typed().compensationHandlerId();
  }

  public long compensationHandlerInstanceKey() {
    return typed().compensationHandlerInstanceKey();
  }

  public long throwEventInstanceKey() {
    return typed().throwEventInstanceKey();
  }

  public boolean triggered() {
    return !typed().throwEventId().isEmpty();
  }

  private CompensationSubscriptionValue typed() {
    return CompensationSubscriptionValue.of(value);
  }
}
