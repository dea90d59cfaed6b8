package life.suoke.ops.backend.tasks.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.tasks.InboxPage;
import life.suoke.ops.backend.tasks.InboxQuery;
import life.suoke.ops.backend.tasks.TaskActions;
import life.suoke.ops.backend.tasks.TaskDetail;
import life.suoke.ops.backend.tasks.TaskEvents;
import life.suoke.ops.backend.tasks.TaskInbox;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The task inbox: list, read, claim, unclaim, assign, complete, and live updates. */
@RestController
@RequestMapping("/api/tasks")
public class TaskController {

  private final TaskInbox inbox;
  private final TaskActions actions;
  private final TaskEvents events;

  public TaskController(TaskInbox inbox, TaskActions actions, TaskEvents events) {
    this.inbox = inbox;
    this.actions = actions;
    this.events = events;
  }

  /** The body of an assignment. */
  public record Assignment(String assignee) {}

  /** The body of a completion: the form's data. */
  public record Completion(JsonNode variables) {}

  @Operation(
      summary =
          "Open tasks I may see, in a view (mine, groups, all), filtered, sorted and paged, with the count of each view")
  @GetMapping
  public InboxPage list(
      CurrentUser user,
      @RequestParam(defaultValue = "all") String view,
      @RequestParam(required = false) String process,
      @RequestParam(required = false) String candidateGroup,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String dueBefore,
      @RequestParam(defaultValue = "false") boolean overdue,
      @RequestParam(defaultValue = "false") boolean followUp,
      @RequestParam(required = false) String text,
      @RequestParam(defaultValue = "created") String sort,
      @RequestParam(defaultValue = "desc") String order,
      @RequestParam(defaultValue = "0") String page,
      @RequestParam(defaultValue = "20") String size) {
    InboxQuery.View v = option(InboxQuery.View.class, "view", view);
    InboxQuery.Sort s = option(InboxQuery.Sort.class, "sort", sort);
    if (!order.equalsIgnoreCase("asc") && !order.equalsIgnoreCase("desc")) {
      throw ApiProblem.badRequest("order", "must be asc or desc");
    }
    int pageNumber = integer("page", page, 0, Integer.MAX_VALUE);
    int pageSize = integer("size", size, 1, InboxQuery.MAX_SIZE);
    Integer minPriority =
        priority == null || priority.isBlank()
            ? null
            : integer("priority", priority, Integer.MIN_VALUE, Integer.MAX_VALUE);
    Instant due = null;
    if (dueBefore != null && !dueBefore.isBlank()) {
      try {
        due = OffsetDateTime.parse(dueBefore).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiProblem.badRequest(
            "dueBefore", "must be an ISO 8601 instant such as 2030-01-31T12:00:00Z");
      }
    }
    return inbox.search(
        user,
        new InboxQuery(
            v,
            blankToNull(process),
            blankToNull(candidateGroup),
            minPriority,
            due,
            overdue,
            followUp,
            blankToNull(text),
            s,
            order.equalsIgnoreCase("desc"),
            pageNumber,
            pageSize));
  }

  @Operation(summary = "Live inbox updates (server-sent events: event 'task' with {type, key})")
  @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events(CurrentUser user, HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return events.subscribe(user, session == null ? null : session.getId());
  }

  @Operation(
      summary =
          "One task with its variables, its form (form-js schema or null) and what I may do with it")
  @GetMapping("/{key}")
  public TaskDetail get(CurrentUser user, @PathVariable String key) {
    return actions.get(user, key(key));
  }

  @Operation(summary = "Claim a task: assign it to me (candidates only, unassigned tasks only)")
  @PostMapping("/{key}/claim")
  public ResponseEntity<Void> claim(CurrentUser user, @PathVariable String key) {
    actions.claim(user, key(key));
    return ResponseEntity.noContent().build();
  }

  @Operation(
      summary = "Unclaim a task: the assignee or a manager of one of its groups gives it back")
  @PostMapping("/{key}/unclaim")
  public ResponseEntity<Void> unclaim(CurrentUser user, @PathVariable String key) {
    actions.unclaim(user, key(key));
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Assign a task to a candidate (managers of one of its candidate groups)")
  @PostMapping("/{key}/assign")
  public ResponseEntity<Void> assign(
      CurrentUser user, @PathVariable String key, @RequestBody(required = false) Assignment body) {
    actions.assign(user, key(key), body == null ? null : body.assignee());
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "Complete a task with its form's data, validated against the form first")
  @PostMapping("/{key}/complete")
  public ResponseEntity<Void> complete(
      CurrentUser user, @PathVariable String key, @RequestBody(required = false) Completion body) {
    actions.complete(user, key(key), body == null ? null : body.variables());
    return ResponseEntity.noContent().build();
  }

  private static long key(String key) {
    try {
      long value = Long.parseLong(key);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.notFound("There is no task " + key + ".");
  }

  private static <E extends Enum<E>> E option(Class<E> type, String field, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed
            .append(allowed.isEmpty() ? "" : ", ")
            .append(constant.name().toLowerCase(Locale.ROOT));
      }
      throw ApiProblem.badRequest(field, "must be one of " + allowed);
    }
  }

  private static int integer(String field, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.badRequest(
        field,
        max == Integer.MAX_VALUE
            ? (min == Integer.MIN_VALUE
                ? "must be a whole number"
                : "must be a whole number of at least " + min)
            : "must be a whole number from " + min + " to " + max);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
