package life.suoke.ops.backend.tasks;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.backend.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live inbox updates as server-sent events: {@code event: task}, data {@code {"type", "key"}}, to
 * every connected user who may see the task; a comment line every 15 s keeps connections open.
 *
 * <p>Two sources. This application's own claims, assignments and completions are published at once
 * ({@link #publish}). Changes made by anyone else (a process creating tasks, another replica, a
 * worker assigning through the API) are found by a poller that runs while someone is connected,
 * every {@code suoke.tasks.events.poll-millis} (1500), through the Camunda client's user task
 * search, one query per kind of change and never per user:
 *
 * <ul>
 *   <li>created: tasks created since the latest creation date seen (a few seconds of overlap,
 *       because the search lags the engine a little; keys already announced are skipped);
 *   <li>completed: tasks completed since the latest completion date seen; canceled tasks likewise,
 *       also announced as {@code completed} (they leave the inbox the same way);
 *   <li>assigned, unassigned, updated: the most recently created open tasks ({@code
 *       suoke.tasks.events.watch-window}, 500) compared with their previous state. The search API
 *       has no "changed since", so changes by others to older tasks are not pushed; the UI's own
 *       reloads show them.
 * </ul>
 */
@Service
public class TaskEvents implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(TaskEvents.class);
  private static final long HEARTBEAT_SECONDS = 15;
  private static final long OVERLAP_MILLIS = 5_000;
  private static final int PAGE = 500;

  /** How long an event counts as already sent, so that the poller does not repeat it. */
  private static final long REMEMBER_MILLIS = 120_000;

  /** A connected user's stream. */
  private record Subscriber(CurrentUser user, String sessionId, SseEmitter emitter) {}

  /** A task's state as the change poller remembers it. */
  private record Snapshot(
      String assignee,
      List<String> groups,
      List<String> users,
      OffsetDateTime due,
      OffsetDateTime followUp,
      Integer priority) {
    static Snapshot of(UserTask t) {
      return new Snapshot(
          t.getAssignee(),
          t.getCandidateGroups(),
          t.getCandidateUsers(),
          t.getDueDate(),
          t.getFollowUpDate(),
          t.getPriority());
    }
  }

  private final CamundaClient client;
  private final long pollMillis;
  private final int watchWindow;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final Map<String, Long> sent = new LinkedHashMap<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean running;

  // poller state, touched only by the scheduler thread
  private boolean primed;
  private OffsetDateTime createdSince;
  private OffsetDateTime completedSince;
  private OffsetDateTime canceledSince;
  private Map<Long, Snapshot> watched = new HashMap<>();

  public TaskEvents(
      CamundaClient client,
      @Value("${suoke.tasks.events.poll-millis:1500}") long pollMillis,
      @Value("${suoke.tasks.events.watch-window:500}") int watchWindow) {
    this.client = client;
    this.pollMillis = pollMillis;
    this.watchWindow = watchWindow;
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

  /**
   * A session ended (sign-out or expiry): its streams end now, before anything else is sent on
   * them.
   */
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

  int subscriberCount() {
    return subscribers.size();
  }

  int subscriberCount(String username) {
    return (int) subscribers.stream().filter(s -> s.user().username().equals(username)).count();
  }

  /**
   * Sends an event about a task to everyone who may see it (its parties now, and {@code
   * formerAssignee}).
   */
  public void publish(String type, long key, TaskRules.Parties parties, String formerAssignee) {
    remember(type, key);
    deliver(type, key, parties, formerAssignee);
  }

  private void deliver(String type, long key, TaskRules.Parties parties, String formerAssignee) {
    String data = "{\"type\":\"" + type + "\",\"key\":\"" + key + "\"}";
    for (Subscriber subscriber : subscribers) {
      CurrentUser user = subscriber.user();
      if (!TaskRules.visible(user, parties) && !user.username().equals(formerAssignee)) {
        continue;
      }
      try {
        synchronized (subscriber.emitter()) {
          subscriber
              .emitter()
              .send(SseEmitter.event().name("task").data(data, MediaType.APPLICATION_JSON));
        }
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(subscriber);
      }
    }
  }

  private void remember(String type, long key) {
    long now = System.currentTimeMillis();
    synchronized (sent) {
      sent.put(type + ':' + key, now);
      sent.values().removeIf(at -> now - at > REMEMBER_MILLIS);
    }
  }

  private boolean alreadySent(String type, long key) {
    synchronized (sent) {
      return sent.containsKey(type + ':' + key);
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

  // ---- the poller

  void poll() {
    if (subscribers.isEmpty()) {
      primed = false; // start afresh when someone connects again: nothing old is announced
      return;
    }
    try {
      if (!primed) {
        createdSince = latest(UserTaskState.CREATED, true);
        completedSince = latest(UserTaskState.COMPLETED, false);
        canceledSince = latest(UserTaskState.CANCELED, false);
        watched = window();
        primed = true;
        return;
      }
      createdSince = announceNew(null, createdSince, true, "created");
      completedSince = announceNew(UserTaskState.COMPLETED, completedSince, false, "completed");
      canceledSince = announceNew(UserTaskState.CANCELED, canceledSince, false, "completed");
      announceChanges();
    } catch (RuntimeException e) {
      LOG.warn("Polling the user tasks for changes failed: {}", e.getMessage());
    }
  }

  /** The latest creation (or completion) date of tasks in that state, or the epoch. */
  private OffsetDateTime latest(UserTaskState state, boolean creation) {
    List<UserTask> items =
        client
            .newUserTaskSearchRequest()
            .filter(
                f -> {
                  if (!creation) {
                    f.state(state);
                  }
                })
            .sort(s -> (creation ? s.creationDate() : s.completionDate()).desc())
            .page(p -> p.limit(1))
            .send()
            .join()
            .items();
    OffsetDateTime latest =
        items.isEmpty()
            ? null
            : (creation ? items.get(0).getCreationDate() : items.get(0).getCompletionDate());
    return latest == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : latest;
  }

  private OffsetDateTime announceNew(
      UserTaskState state, OffsetDateTime since, boolean creation, String type) {
    OffsetDateTime from = since.minusNanos(OVERLAP_MILLIS * 1_000_000);
    List<UserTask> items =
        client
            .newUserTaskSearchRequest()
            .filter(
                f -> {
                  if (state != null) {
                    f.state(state);
                  }
                  if (creation) {
                    f.creationDate(p -> p.gte(from));
                  } else {
                    f.completionDate(p -> p.gte(from));
                  }
                })
            .sort(s -> (creation ? s.creationDate() : s.completionDate()).asc())
            .page(p -> p.limit(PAGE))
            .send()
            .join()
            .items();
    OffsetDateTime latest = since;
    for (UserTask task : items) {
      OffsetDateTime at = creation ? task.getCreationDate() : task.getCompletionDate();
      if (at != null && at.isAfter(latest)) {
        latest = at;
      }
      long key = task.getUserTaskKey();
      if (!alreadySent(type, key)) {
        remember(type, key);
        deliver(type, key, parties(task), null);
      }
    }
    return latest;
  }

  private Map<Long, Snapshot> window() {
    Map<Long, Snapshot> snapshot = new HashMap<>();
    for (UserTask task :
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED))
            .sort(s -> s.creationDate().desc())
            .page(p -> p.limit(watchWindow))
            .send()
            .join()
            .items()) {
      snapshot.put(task.getUserTaskKey(), Snapshot.of(task));
    }
    return snapshot;
  }

  private void announceChanges() {
    Map<Long, Snapshot> now = new HashMap<>();
    List<UserTask> tasks =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.state(UserTaskState.CREATED))
            .sort(s -> s.creationDate().desc())
            .page(p -> p.limit(watchWindow))
            .send()
            .join()
            .items();
    for (UserTask task : tasks) {
      Snapshot current = Snapshot.of(task);
      now.put(task.getUserTaskKey(), current);
      Snapshot before = watched.get(task.getUserTaskKey());
      if (before == null || before.equals(current)) {
        continue;
      }
      long key = task.getUserTaskKey();
      String type;
      if (!Objects.equals(before.assignee(), current.assignee())) {
        type = current.assignee() == null ? "unassigned" : "assigned";
      } else {
        type = "updated";
      }
      if (!alreadySent(type, key)) {
        remember(type, key);
        deliver(type, key, parties(task), before.assignee());
      } else {
        synchronized (sent) {
          sent.remove(type + ':' + key); // the next change of this kind is news again
        }
      }
    }
    watched = now;
  }

  static TaskRules.Parties parties(UserTask task) {
    return new TaskRules.Parties(
        task.getAssignee(), task.getCandidateGroups(), task.getCandidateUsers());
  }

  // ---- lifecycle

  @Override
  public void start() {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "suoke-task-events");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
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
