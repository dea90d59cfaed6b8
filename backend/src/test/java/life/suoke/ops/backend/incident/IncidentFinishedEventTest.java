package life.suoke.ops.backend.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * An incident that closes or is cancelled is announced once as an {@link IncidentFinishedEvent}
 * (change management lifts its freeze on it); other status changes announce nothing.
 */
class IncidentFinishedEventTest extends IncidentTestSupport {

  static final List<IncidentFinishedEvent> EVENTS = new CopyOnWriteArrayList<>();
  static volatile boolean listening;

  @Autowired IncidentLifecycle lifecycle;
  @Autowired ConfigurableApplicationContext context;

  @BeforeEach
  void listen() {
    synchronized (IncidentFinishedEventTest.class) {
      if (!listening) {
        context.addApplicationListener(
            (ApplicationListener<PayloadApplicationEvent<?>>)
                event -> {
                  if (event.getPayload() instanceof IncidentFinishedEvent finished) {
                    EVENTS.add(finished);
                  }
                });
        listening = true;
      }
    }
  }

  List<IncidentFinishedEvent> of(String number) {
    return EVENTS.stream().filter(e -> e.number().equals(number)).toList();
  }

  @Test
  void closingAndCancellingAnnounceTheIncidentOnce() {
    knownService();
    String closed = recordOnly(KNOWN_SERVICE, "P1", null);
    assertThat(of(closed)).isEmpty();
    lifecycle.closed(closed, Instant.now());
    lifecycle.closed(closed, Instant.now());
    assertThat(of(closed))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.service()).isEqualTo(KNOWN_SERVICE);
              assertThat(event.priority()).isEqualTo("P1");
              assertThat(event.status()).isEqualTo("closed");
            });

    String cancelled = recordOnly(KNOWN_SERVICE, "P0", null);
    lifecycle.cancelled(cancelled, null, Instant.now());
    assertThat(of(cancelled))
        .singleElement()
        .satisfies(event -> assertThat(event.status()).isEqualTo("cancelled"));
  }
}
