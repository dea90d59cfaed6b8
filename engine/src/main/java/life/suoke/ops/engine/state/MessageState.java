package life.suoke.ops.engine.state;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.state.SnapshotStreams.In;
import life.suoke.ops.engine.state.SnapshotStreams.Out;

/**
 * Messages and who waits for them: the buffered messages (by name and correlation key, by deadline,
 * by message id), the process message subscriptions (by name and correlation key, by waiting
 * element instance), and the process instances a message start event created, by correlation key,
 * while they run (one such instance per process and correlation key). Its public methods only read;
 * the appliers of MESSAGE, PROCESS_MESSAGE_SUBSCRIPTION and MESSAGE_START_EVENT_SUBSCRIPTION events
 * change it, and those of an instance's end and migration update its start bookkeeping.
 */
public final class MessageState {

  private final Map<Long, BufferedMessage> messages = new HashMap<>();
  private final KeyIndex<String> messagesByCorrelation = new KeyIndex<>();
  private final Schedule messageDeadlines = new Schedule();
  private final Map<String, Long> messageIds = new HashMap<>();
  private final Map<Long, MessageSubscription> subscriptions = new HashMap<>();
  private final KeyIndex<String> subscriptionsByCorrelation = new KeyIndex<>();
  private final KeyIndex<Long> subscriptionsByElementInstance = new KeyIndex<>();

  /** Tenant, process id and correlation key, to the running instance a message start created. */
  private final Map<String, Long> messageStartedInstances = new HashMap<>();

  private final Map<Long, String> messageStartedByInstance = new HashMap<>();

  static String correlation(String tenantId, String name, String correlationKey) {
    return tenantId + "\u0000" + name + "\u0000" + correlationKey;
  }

  // ---------------------------------------------------------------- reads

  /** Buffered messages with this name and correlation key, oldest first. */
  public List<BufferedMessage> bufferedMessages(
      String tenantId, String name, String correlationKey) {
    return messagesByCorrelation.resolve(
        correlation(tenantId, name, correlationKey), messages::get);
  }

  public BufferedMessage bufferedMessage(long key) {
    return messages.get(key);
  }

  /** Whether a message with this id is still buffered for the name and correlation key. */
  public boolean messageIdTaken(
      String tenantId, String name, String correlationKey, String messageId) {
    return messageId != null
        && !messageId.isEmpty()
        && messageIds.containsKey(
            correlation(tenantId, name, correlationKey) + "\u0000" + messageId);
  }

  /** Earliest deadline of a buffered message, or Long.MAX_VALUE. */
  public long nextMessageDeadline() {
    return messageDeadlines.next();
  }

  public List<BufferedMessage> messagesExpiredAt(long now) {
    return messageDeadlines.due(now, Integer.MAX_VALUE).stream().map(messages::get).toList();
  }

  /** Open subscriptions for this name and correlation key, oldest first. */
  public List<MessageSubscription> subscriptions(
      String tenantId, String name, String correlationKey) {
    return subscriptionsByCorrelation.resolve(
        correlation(tenantId, name, correlationKey), subscriptions::get);
  }

  public List<MessageSubscription> subscriptionsOf(long elementInstanceKey) {
    return subscriptionsByElementInstance.resolve(elementInstanceKey, subscriptions::get);
  }

  public MessageSubscription subscription(long key) {
    return subscriptions.get(key);
  }

  /**
   * The active instance of a process that a message start event created for this correlation key,
   * or -1.
   */
  public long messageStartedInstance(String tenantId, String bpmnProcessId, String correlationKey) {
    Long key = messageStartedInstances.get(correlation(tenantId, bpmnProcessId, correlationKey));
    return key == null ? -1 : key;
  }

  /**
   * The correlation key of the message that started a process instance at a message start event, or
   * null if no message (or one without correlation key) started it.
   */
  public String messageStartCorrelationKey(long processInstanceKey) {
    String entry = messageStartedByInstance.get(processInstanceKey);
    return entry == null ? null : entry.substring(entry.lastIndexOf('\u0000') + 1);
  }

  // ---------------------------------------------------------------- buffered messages

  void buffer(BufferedMessage message) {
    messages.put(message.key, message);
    String correlation = correlation(message.tenantId, message.name, message.correlationKey);
    messagesByCorrelation.add(correlation, message.key);
    messageDeadlines.add(message.deadline, message.key);
    if (!message.messageId.isEmpty()) {
      messageIds.put(correlation + "\u0000" + message.messageId, message.key);
    }
  }

  void expire(long key) {
    BufferedMessage message = messages.remove(key);
    if (message != null) {
      String correlation = correlation(message.tenantId, message.name, message.correlationKey);
      messagesByCorrelation.remove(correlation, key);
      messageDeadlines.remove(message.deadline, key);
      if (!message.messageId.isEmpty()) {
        messageIds.remove(correlation + "\u0000" + message.messageId);
      }
    }
  }

  /** A buffered message was correlated to a process instance (it will not be again). */
  void correlated(long messageKey, long processInstanceKey) {
    BufferedMessage message = messages.get(messageKey);
    if (message != null) {
      message.correlatedInstances.add(processInstanceKey);
    }
  }

  /** A buffered message started an instance of a process (it will not start another). */
  void startedInstanceOf(long messageKey, String bpmnProcessId) {
    BufferedMessage message = messages.get(messageKey);
    if (message != null) {
      message.correlatedProcesses.add(bpmnProcessId);
    }
  }

  // ---------------------------------------------------------------- subscriptions

  void addSubscription(MessageSubscription subscription) {
    subscriptions.put(subscription.key(), subscription);
    subscriptionsByCorrelation.add(
        correlation(
            subscription.tenantId(), subscription.messageName(), subscription.correlationKey()),
        subscription.key());
    subscriptionsByElementInstance.add(subscription.elementInstanceKey(), subscription.key());
  }

  /**
   * A migrated subscription: the same name, correlation key and waiting element instance; only the
   * process and catch event change.
   */
  void replaceSubscription(MessageSubscription migrated) {
    subscriptions.put(migrated.key(), migrated);
  }

  void removeSubscription(long key) {
    MessageSubscription subscription = subscriptions.remove(key);
    if (subscription != null) {
      subscriptionsByCorrelation.remove(
          correlation(
              subscription.tenantId(), subscription.messageName(), subscription.correlationKey()),
          key);
      subscriptionsByElementInstance.remove(subscription.elementInstanceKey(), key);
    }
  }

  // ---------------------------------------------------------------- message start bookkeeping

  /** A message with a correlation key started a process instance at a message start event. */
  void instanceStarted(
      String tenantId, String bpmnProcessId, String correlationKey, long processInstanceKey) {
    String entry = correlation(tenantId, bpmnProcessId, correlationKey);
    messageStartedInstances.put(entry, processInstanceKey);
    messageStartedByInstance.put(processInstanceKey, entry);
  }

  /** An element instance ended; if a message started it, its correlation key is free again. */
  void instanceEnded(long key) {
    String startedBy = messageStartedByInstance.remove(key);
    if (startedBy != null) {
      messageStartedInstances.remove(startedBy);
    }
  }

  /**
   * A process instance that a message started was migrated to another process: its correlation key
   * is taken for the target process now.
   */
  void instanceMigrated(long key, String tenantId, String targetBpmnProcessId) {
    String startedBy = messageStartedByInstance.get(key);
    if (startedBy == null) {
      return;
    }
    String correlationKey = startedBy.substring(startedBy.lastIndexOf('\u0000') + 1);
    String moved = correlation(tenantId, targetBpmnProcessId, correlationKey);
    messageStartedInstances.remove(startedBy);
    messageStartedInstances.put(moved, key);
    messageStartedByInstance.put(key, moved);
  }

  // ---------------------------------------------------------------- snapshot

  void write(Out out) {
    out.i32(messages.size());
    for (BufferedMessage m : messages.values()) {
      out.i64(m.key);
      out.sym(m.name);
      out.str(m.correlationKey);
      out.str(m.messageId);
      out.value(m.variables);
      out.i64(m.timeToLive);
      out.i64(m.deadline);
      out.sym(m.tenantId);
      out.longs(m.correlatedInstances.stream().mapToLong(Long::longValue).toArray());
      out.i32(m.correlatedProcesses.size());
      m.correlatedProcesses.forEach(out::sym);
    }
    messagesByCorrelation.write(out);
    messageDeadlines.write(out);
    out.i32(messageIds.size());
    messageIds.forEach(
        (id, key) -> {
          out.str(id);
          out.i64(key);
        });
    out.i32(subscriptions.size());
    for (MessageSubscription s : subscriptions.values()) {
      out.i64(s.key());
      out.i64(s.elementInstanceKey());
      out.i64(s.processInstanceKey());
      out.i64(s.processDefinitionKey());
      out.sym(s.bpmnProcessId());
      out.sym(s.elementId());
      out.sym(s.messageName());
      out.str(s.correlationKey());
      out.bool(s.interrupting());
      out.sym(s.tenantId());
    }
    subscriptionsByCorrelation.write(out);
    subscriptionsByElementInstance.write(out);
    out.i32(messageStartedInstances.size());
    messageStartedInstances.forEach(
        (entry, key) -> {
          out.str(entry);
          out.i64(key);
        });
    out.i32(messageStartedByInstance.size());
    messageStartedByInstance.forEach(
        (key, entry) -> {
          out.i64(key);
          out.str(entry);
        });
  }

  @SuppressWarnings("unchecked")
  void read(In in) {
    for (int n = in.i32(); n > 0; n--) {
      BufferedMessage m =
          new BufferedMessage(
              in.i64(),
              in.sym(),
              in.str(),
              in.str(),
              (Map<String, Object>) in.value(),
              in.i64(),
              in.i64(),
              in.sym());
      for (long instance : in.longs()) {
        m.correlatedInstances.add(instance);
      }
      for (int p = in.i32(); p > 0; p--) {
        m.correlatedProcesses.add(in.sym());
      }
      messages.put(m.key, m);
    }
    KeyIndex.readStringGroups(messagesByCorrelation, in);
    messageDeadlines.read(in);
    for (int n = in.i32(); n > 0; n--) {
      messageIds.put(in.str(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      MessageSubscription s =
          new MessageSubscription(
              in.i64(), in.i64(), in.i64(), in.i64(), in.sym(), in.sym(), in.sym(), in.str(),
              in.bool(), in.sym());
      subscriptions.put(s.key(), s);
    }
    KeyIndex.readStringGroups(subscriptionsByCorrelation, in);
    KeyIndex.readKeyGroups(subscriptionsByElementInstance, in);
    for (int n = in.i32(); n > 0; n--) {
      messageStartedInstances.put(in.str(), in.i64());
    }
    for (int n = in.i32(); n > 0; n--) {
      messageStartedByInstance.put(in.i64(), in.str());
    }
  }
}
