package life.suoke.ops.engine.state;

import life.suoke.ops.engine.record.value.CompensationSubscriptionValue;

/**
 * A compensation subscription (Zeebe's COMPENSATION_SUBSCRIPTION): an activity instance that
 * completed and can be compensated, or a subprocess (or multi-instance body) that completed with
 * such activities inside. {@code value} is the record value of its last event (CREATED or
 * TRIGGERED); a triggered subscription names its throw event and handler instance.
 */
public record CompensationSubscription(long key, CompensationSubscriptionValue value) {

  public String compensableActivityId() {
    return value.compensableActivityId();
  }

  public long compensableActivityInstanceKey() {
    return value.compensableActivityInstanceKey();
  }

  public long compensableActivityScopeKey() {
    return value.compensableActivityScopeKey();
  }

  public String compensationHandlerId() {
    return value.compensationHandlerId();
  }

  public long compensationHandlerInstanceKey() {
    return value.compensationHandlerInstanceKey();
  }

  public long throwEventInstanceKey() {
    return value.throwEventInstanceKey();
  }

  public boolean triggered() {
    return !value.throwEventId().isEmpty();
  }
}
