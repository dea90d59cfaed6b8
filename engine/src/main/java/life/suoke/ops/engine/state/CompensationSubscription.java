package life.suoke.ops.engine.state;

import static life.suoke.ops.engine.record.Values.lng;
import static life.suoke.ops.engine.record.Values.str;

import java.util.Map;

/**
 * A compensation subscription (Zeebe's COMPENSATION_SUBSCRIPTION): an activity instance that
 * completed and can be compensated, or a subprocess (or multi-instance body) that completed with
 * such activities inside. {@code value} is the record value of its last event (CREATED or
 * TRIGGERED); a triggered subscription names its throw event and handler instance.
 */
public record CompensationSubscription(long key, Map<String, Object> value) {

  public String compensableActivityId() {
    return str(value, "compensableActivityId");
  }

  public long compensableActivityInstanceKey() {
    return lng(value, "compensableActivityInstanceKey");
  }

  public long compensableActivityScopeKey() {
    return lng(value, "compensableActivityScopeKey");
  }

  public String compensationHandlerId() {
    return str(value, "compensationHandlerId");
  }

  public long compensationHandlerInstanceKey() {
    return lng(value, "compensationHandlerInstanceKey");
  }

  public long throwEventInstanceKey() {
    return lng(value, "throwEventInstanceKey");
  }

  public boolean triggered() {
    return !str(value, "throwEventId").isEmpty();
  }
}
