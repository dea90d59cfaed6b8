package life.suoke.ops.backend.incident;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import life.suoke.ops.processes.incident.IncidentProcess;
import org.springframework.stereotype.Component;

/**
 * Publishes the incident process's messages through the Camunda client, correlated by the incident
 * number. Messages that must not be lost (alert resolved, cancelled) live for {@code
 * suoke.incident.message-ttl} (7 days) so that an instance that only waits for them later still
 * gets them; the others ({@code deadlines changed}, {@code escalation requested}) for {@code
 * suoke.incident.prompt-message-ttl} (15 minutes). With a message id, a repeated publication while
 * the first is still buffered is a no-op.
 */
@Component
class IncidentMessages {

  private final CamundaClient client;
  private final IncidentProperties properties;

  IncidentMessages(CamundaClient client, IncidentProperties properties) {
    this.client = client;
    this.properties = properties;
  }

  void deadlinesChanged(String number, String priority) {
    publish(
        IncidentProcess.MESSAGE_DEADLINES_CHANGED,
        number,
        properties.promptMessageTtl(),
        null,
        priority == null ? Map.of() : Map.of(IncidentProcess.VAR_PRIORITY, priority));
  }

  void escalationRequested(String number) {
    publish(
        IncidentProcess.MESSAGE_ESCALATION_REQUESTED,
        number,
        properties.promptMessageTtl(),
        null,
        Map.of());
  }

  void alertResolved(String number, String messageId) {
    publish(
        IncidentProcess.MESSAGE_ALERT_RESOLVED,
        number,
        properties.messageTtl(),
        messageId,
        Map.of(IncidentProcess.VAR_ALERT_RESOLVED, true));
  }

  void cancelled(String number, String duplicateOf) {
    publish(
        IncidentProcess.MESSAGE_CANCELLED,
        number,
        properties.messageTtl(),
        number + ":cancelled",
        duplicateOf == null ? Map.of() : Map.of(IncidentProcess.VAR_DUPLICATE_OF, duplicateOf));
  }

  private void publish(
      String name, String number, Duration ttl, String messageId, Map<String, Object> variables) {
    var command =
        client
            .newPublishMessageCommand()
            .messageName(name)
            .correlationKey(number)
            .timeToLive(ttl)
            .variables(variables);
    if (messageId != null) {
      command = command.messageId(messageId);
    }
    try {
      command.send().join();
    } catch (RuntimeException e) {
      if (status(e) != 409) {
        throw e;
      }
      // already published under this message id and still buffered: nothing to do
    }
  }

  private static int status(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause instanceof ClientHttpException http ? http.code() : -1;
  }
}
