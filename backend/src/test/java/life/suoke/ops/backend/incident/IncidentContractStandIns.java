package life.suoke.ops.backend.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import life.suoke.ops.backend.calendar.BusinessCalendars;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.workers.notification.Notifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TEMPORARY, TEST SOURCES ONLY - REMOVE AT INTEGRATION. Stand-ins for three contracts whose real
 * implementations are built in parallel (business calendars, service catalog, notifier), so that
 * the application context starts in this branch's tests. Remove this class when the real beans
 * land (two beans of one type will then fail the context start, which is the reminder); the
 * incident tests that read {@link RecordingNotifier} then read the real notifier's record instead,
 * and the service {@link #KNOWN_SERVICE} must be known to the real catalog.
 *
 * <p>A plain {@code @Configuration} rather than a {@code @TestConfiguration}: every backend test
 * shares one application context (one embedded database and engine on fixed ports), which only
 * component scanning reaches; a {@code @TestConfiguration} is excluded from scanning.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentContractStandIns {

  /** The one service the stand-in catalog knows. */
  public static final String KNOWN_SERVICE = "incident-test-core";
  public static final String KNOWN_TIER1 = "incident-test-t1";
  public static final String KNOWN_TIER2 = "incident-test-t2";
  public static final String KNOWN_TIER3 = "incident-test-t3";
  public static final String KNOWN_OWNERS = "incident-test-owners";

  /** 24x7: every instant is working time, a business day is 24 hours. */
  @Bean
  BusinessCalendars aroundTheClockCalendars() {
    return new BusinessCalendars() {
      @Override
      public Instant addBusinessTime(String calendarId, Instant start, Duration businessTime) {
        return start.plus(businessTime);
      }

      @Override
      public Instant addBusinessDays(String calendarId, Instant start, int days) {
        return start.plus(Duration.ofDays(days));
      }

      @Override
      public Duration businessTimeBetween(String calendarId, Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
      }

      @Override
      public boolean isWorkingTime(String calendarId, Instant instant) {
        return true;
      }
    };
  }

  /** Knows {@link #KNOWN_SERVICE} only. */
  @Bean
  ServiceCatalog oneServiceCatalog() {
    ServiceCatalog.ServiceInfo known = new ServiceCatalog.ServiceInfo(KNOWN_SERVICE, "Incident test core service", "core",
        KNOWN_OWNERS, KNOWN_TIER1, KNOWN_TIER2, KNOWN_TIER3, BusinessCalendars.DEFAULT);
    return new ServiceCatalog() {
      @Override
      public Optional<ServiceInfo> find(String name) {
        return KNOWN_SERVICE.equals(name) ? Optional.of(known) : Optional.empty();
      }

      @Override
      public Optional<ServiceInfo> match(Map<String, String> labels) {
        return find(labels.get("service"));
      }
    };
  }

  @Bean
  RecordingNotifier recordingNotifier() {
    return new RecordingNotifier();
  }

  /** Delivers to every recipient (but those told to be unreachable) and remembers what it sent; a key is sent once. */
  public static final class RecordingNotifier implements Notifier {

    private final List<Notification> sent = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized Result send(Notification notification) {
      if (unreachable.contains(notification.recipient().username())) {
        return new Result(null, false, List.of("test:unreachable"));
      }
      if (!keys.add(notification.idempotencyKey())) {
        return new Result(null, true, List.of());
      }
      sent.add(notification);
      return new Result("test", false, List.of("test:ok"));
    }

    /** What was sent for an incident. */
    public synchronized List<Notification> sentFor(String incidentNumber) {
      return sent.stream().filter(n -> n.idempotencyKey().startsWith(incidentNumber + ":")).toList();
    }

    public void unreachable(String username) {
      unreachable.add(username);
    }

    public void reachable(String username) {
      unreachable.remove(username);
    }
  }
}
