package life.suoke.ops.backend.incident;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.identity.CurrentUser;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live incident updates as server-sent events: {@code event: incident}, data {@code {"number",
 * "status"}}, to every connected user who may see the incident, whenever this application changes
 * one (an action, a job of its process, an alert); a comment every 15 s keeps connections open. A
 * stream ends when its session ends (sign-out, expiry), like the task stream. Changes made by
 * another application instance on the same database are not pushed here.
 */
@Service
public class IncidentEvents implements SmartLifecycle {

  private static final long HEARTBEAT_SECONDS = 15;

  private record Subscriber(CurrentUser user, String sessionId, SseEmitter emitter) {}

  private final IncidentAccess access;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  public IncidentEvents(IncidentAccess access) {
    this.access = access;
  }

  /** Opens a stream for the user; it ends after 30 minutes (browsers reconnect by themselves). */
  public SseEmitter subscribe(CurrentUser user, String sessionId) {
    SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(30));
    Subscriber subscriber = new Subscriber(user, sessionId, emitter);
    subscribers.add(subscriber);
    emitter.onCompletion(() -> subscribers.remove(subscriber));
    emitter.onTimeout(() -> subscribers.remove(subscriber));
    emitter.onError(e -> subscribers.remove(subscriber));
    try {
      emitter.send(SseEmitter.event().comment("connected"));
    } catch (IOException e) {
      subscribers.remove(subscriber);
    }
    return emitter;
  }

  @EventListener
  void sessionEnded(HttpSessionDestroyedEvent event) {
    String sessionId = event.getId();
    for (Subscriber subscriber : subscribers) {
      if (sessionId.equals(subscriber.sessionId())) {
        subscribers.remove(subscriber);
        synchronized (subscriber.emitter()) {
          subscriber.emitter().complete();
        }
      }
    }
  }

  int subscriberCount(String username) {
    return (int) subscribers.stream().filter(s -> s.user().username().equals(username)).count();
  }

  /** Tells everyone who may see the incident that it changed. */
  void publish(Incident incident) {
    String data =
        "{\"number\":\"" + incident.number() + "\",\"status\":\"" + incident.status() + "\"}";
    for (Subscriber subscriber : subscribers) {
      if (!access.visible(subscriber.user(), incident)) {
        continue;
      }
      try {
        synchronized (subscriber.emitter()) {
          subscriber
              .emitter()
              .send(SseEmitter.event().name("incident").data(data, MediaType.APPLICATION_JSON));
        }
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(subscriber);
      }
    }
  }

  private void heartbeat() {
    for (Subscriber subscriber : subscribers) {
      try {
        synchronized (subscriber.emitter()) {
          subscriber.emitter().send(SseEmitter.event().comment("keep-alive"));
        }
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(subscriber);
      }
    }
  }

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "suoke-incident-events");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleAtFixedRate(
        this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    for (Subscriber subscriber : subscribers) {
      subscriber.emitter().complete();
    }
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
