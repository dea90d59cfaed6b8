package life.suoke.ops.backend.review;

import static life.suoke.ops.processes.review.EventReviewProcess.*;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.catalog.ServiceCatalog;
import life.suoke.ops.backend.identity.GroupInfo;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.knowledge.KnowledgeDocument;
import life.suoke.ops.backend.knowledge.KnowledgeService;
import life.suoke.ops.workers.notification.Notifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review records' side of the event review's jobs (called by {@link ReviewWorkers}). Every job
 * may run twice (a retry after a lost answer): each one writes what it writes idempotently and
 * notifications carry keys that a retry repeats.
 *
 * <p>Notifications carry the incident number, the service and a link, never section texts or item
 * titles (they travel over DingTalk, SMS and e-mail).
 */
@Service
public class ReviewJobService {

  /** A job the process cannot go on with (the engine shows an incident with the message). */
  static final class Refusal extends RuntimeException {
    Refusal(String message) {
      super(message);
    }
  }

  /** The job as this service sees it. */
  record Job(String incidentNumber, long processInstanceKey, long jobKey) {}

  static final Set<String> PRIORITIES = Set.of("high", "medium", "low");
  static final Set<String> TYPES = Set.of("fix", "prevent", "detect", "process");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReviewDueDates.ZONE);

  private final ReviewStore store;
  private final ReviewIncidents incidents;
  private final ReviewTimelineAssembler assembler;
  private final ReviewDueDates dues;
  private final ServiceCatalog catalog;
  private final UserDirectory directory;
  private final Notifier notifier;
  private final KnowledgeService knowledge;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final String publicUrl;

  ReviewJobService(
      ReviewStore store,
      ReviewIncidents incidents,
      ReviewTimelineAssembler assembler,
      ReviewDueDates dues,
      ServiceCatalog catalog,
      UserDirectory directory,
      Notifier notifier,
      KnowledgeService knowledge,
      AuditTrail audit,
      TransactionTemplate tx,
      @Value("${suoke.public-url:http://localhost:8080}") String publicUrl) {
    this.store = store;
    this.incidents = incidents;
    this.assembler = assembler;
    this.dues = dues;
    this.catalog = catalog;
    this.directory = directory;
    this.notifier = notifier;
    this.knowledge = knowledge;
    this.audit = audit;
    this.tx = tx;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  // ---- start

  Map<String, Object> prepare(Job job, String givenOwner) {
    ReviewIncidents.Facts incident =
        incidents
            .find(job.incidentNumber())
            .orElseThrow(() -> new Refusal("there is no incident " + job.incidentNumber()));
    Optional<Review> existing = store.find(incident.number());
    if (existing.isPresent()
        && existing.get().processInstanceKey() != null
        && existing.get().processInstanceKey() != job.processInstanceKey()
        && !Review.CLOSED.equals(existing.get().status())
        && existing.get().startedAt() != null) {
      throw new Refusal(
          "incident "
              + incident.number()
              + " has a review under way in process instance "
              + existing.get().processInstanceKey());
    }
    String owner = firstUser(givenOwner, incident.commander(), incident.handler());
    String ownerGroup =
        catalog
            .find(incident.service())
            .map(ServiceCatalog.ServiceInfo::ownerGroup)
            .filter(g -> g != null && !g.isBlank())
            .orElse(incident.managerGroup());
    if (owner == null) {
      owner =
          directory
              .group(ownerGroup)
              .flatMap(g -> firstUser(g.managers().isEmpty() ? g.members() : g.managers()))
              .orElse(null);
    }
    if (owner == null) {
      throw new Refusal(
          "nobody can own the review of "
              + incident.number()
              + ": set variable reviewOwner to a user and retry");
    }
    Instant closed =
        incident.closedAt() != null
            ? incident.closedAt()
            : incident.resolvedAt() != null ? incident.resolvedAt() : Instant.now();
    Instant startDue = dues.startDue(incident.calendarId(), closed);
    String finalOwner = owner;
    tx.executeWithoutResult(
        s ->
            store.upsert(
                incident.number(),
                incident.service(),
                incident.priority(),
                finalOwner,
                ownerGroup,
                startDue,
                job.processInstanceKey()));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("reviewOwner", owner);
    details.put("ownerGroup", ownerGroup);
    details.put("startDue", iso(startDue));
    record(ReviewAuditActions.SYSTEM, ReviewAuditActions.PREPARED, job, details);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(VAR_REVIEW_OWNER, owner);
    result.put(VAR_OWNER_GROUP, ownerGroup);
    result.put(VAR_START_DUE, iso(startDue));
    return result;
  }

  void escalateLateStart(Job job) {
    Review review = review(job);
    List<String> told = new ArrayList<>();
    for (String name : managersOf(review.ownerGroup(), review.reviewOwner())) {
      if (tell(
          name,
          job.incidentNumber() + ":review:late-start:" + name,
          Notifier.Urgency.INFO,
          "[" + job.incidentNumber() + "] event review not started",
          "The event review of incident "
              + job.incidentNumber()
              + " (service "
              + review.service()
              + ") was not started within 5 business days; its owner is "
              + review.reviewOwner()
              + ".",
          "/reviews/" + job.incidentNumber())) {
        told.add(name);
      }
    }
    tell(
        review.reviewOwner(),
        job.incidentNumber() + ":review:late-start:" + review.reviewOwner(),
        Notifier.Urgency.INFO,
        "[" + job.incidentNumber() + "] please start the event review",
        "The event review of incident " + job.incidentNumber() + " is overdue; please start it.",
        "/reviews/" + job.incidentNumber());
    store.set(
        job.incidentNumber(), "late_start_escalated_at = COALESCE(late_start_escalated_at, now())");
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.LATE_START_ESCALATED,
        job,
        Map.of("managersTold", told));
  }

  void assembleTimeline(Job job) {
    review(job);
    int added =
        tx.execute(
            s -> {
              store.lock(job.incidentNumber());
              int n = assembler.assemble(job.incidentNumber());
              store.set(
                  job.incidentNumber(),
                  "status = CASE WHEN status = 'requested' THEN 'in-progress' ELSE status END,"
                      + " started_at = COALESCE(started_at, now())");
              return n;
            });
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.TIMELINE_ASSEMBLED,
        job,
        Map.of("entriesAdded", added));
  }

  // ---- sections and action items

  Map<String, Object> checkSections(Job job, Map<String, Object> variables) {
    Review review = review(job);
    Review.Sections given =
        new Review.Sections(
            text(variables.get(VAR_ROOT_CAUSE)),
            text(variables.get(VAR_CONTRIBUTING_FACTORS)),
            integer(variables.get(VAR_IMPACT_USERS)),
            integer(variables.get(VAR_IMPACT_DURATION_MINUTES)),
            text(variables.get(VAR_IMPACT_DATA)),
            text(variables.get(VAR_WENT_WELL)));
    Review.Sections merged = merge(review.sections(), given);
    List<String> missing = new ArrayList<>(merged.missing());
    Object rawItems = variables.get(VAR_ACTION_ITEMS);
    List<ActionItem> items = new ArrayList<>();
    List<String> itemProblems = new ArrayList<>();
    ReviewIncidents.Facts incident = incidents.find(job.incidentNumber()).orElseThrow();
    if (rawItems instanceof List<?> list) {
      int position = 0;
      for (Object raw : list) {
        position++;
        String problem = itemProblem(raw);
        if (problem != null) {
          itemProblems.add("item " + position + ": " + problem);
          continue;
        }
        Map<?, ?> map = (Map<?, ?>) raw;
        Instant due = ReviewDueDates.parseDue(map.get("dueDate").toString());
        items.add(
            new ActionItem(
                job.incidentNumber() + "-A" + position,
                job.incidentNumber(),
                position,
                map.get("title").toString().strip(),
                map.get("owner").toString().strip(),
                due,
                dues.remindAt(incident.calendarId(), due, Instant.now()),
                map.get("priority").toString(),
                map.get("type").toString(),
                ActionItem.OPEN,
                null,
                0,
                null,
                null,
                null));
      }
    } else if (rawItems != null) {
      itemProblems.add("actionItems is not a list");
    }
    if (!itemProblems.isEmpty()) {
      missing.add("actionItems");
    }
    List<String> finalMissing = List.copyOf(missing);
    tx.executeWithoutResult(
        s -> {
          store.lock(job.incidentNumber());
          store.sections(job.incidentNumber(), merged);
          if (itemProblems.isEmpty()) {
            store.replaceItems(job.incidentNumber(), items);
          }
          store.set(
              job.incidentNumber(),
              "status = ?",
              finalMissing.isEmpty() ? Review.IN_APPROVAL : Review.IN_PROGRESS);
        });
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("missingSections", finalMissing);
    details.put("actionItems", items.size());
    details.put("itemProblems", itemProblems);
    record(ReviewAuditActions.SYSTEM, ReviewAuditActions.SECTIONS_CHECKED, job, details);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(VAR_MISSING_SECTIONS, finalMissing);
    result.put(
        VAR_ACTION_ITEMS,
        itemProblems.isEmpty()
            ? items.stream().map(ReviewJobService::variable).toList()
            : rawItems);
    return result;
  }

  /** Why the item cannot be followed up; null when it can. */
  String itemProblem(Object raw) {
    if (!(raw instanceof Map<?, ?> map)) {
      return "is not an object";
    }
    Object title = map.get("title");
    if (title == null || title.toString().isBlank() || title.toString().length() > 500) {
      return "title must be 1 to 500 characters";
    }
    Object owner = map.get("owner");
    if (owner == null
        || directory.user(owner.toString().strip()).filter(UserAccount::enabled).isEmpty()) {
      return "owner must be an enabled user";
    }
    Object due = map.get("dueDate");
    if (due == null || ReviewDueDates.parseDue(due.toString()) == null) {
      return "dueDate must be a day (yyyy-mm-dd) or a date-time";
    }
    if (map.get("priority") == null || !PRIORITIES.contains(map.get("priority").toString())) {
      return "priority must be high, medium or low";
    }
    if (map.get("type") == null || !TYPES.contains(map.get("type").toString())) {
      return "type must be fix, prevent, detect or process";
    }
    return null;
  }

  static Map<String, Object> variable(ActionItem item) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", item.id());
    v.put("title", item.title());
    v.put("owner", item.owner());
    v.put("dueDate", item.dueDate().atZone(ReviewDueDates.ZONE).toLocalDate().toString());
    v.put("dueAt", iso(item.dueDate()));
    v.put("remindAt", iso(item.remindAt()));
    v.put("priority", item.priority());
    v.put("type", item.type());
    return v;
  }

  // ---- publication and close

  void publish(Job job, String approvedBy) {
    Review review = review(job);
    if (approvedBy != null && review.approvedBy() == null) {
      store.set(
          job.incidentNumber(),
          "approved_by = ?, approved_at = COALESCE(approved_at, now())",
          approvedBy);
    }
    review = review(job);
    List<TimelineItem> timeline = store.timeline(job.incidentNumber());
    List<ActionItem> items = store.items(job.incidentNumber());
    String title =
        "Post-incident review "
            + review.incidentNumber()
            + " · "
            + review.service()
            + (review.priority() == null ? "" : " · " + review.priority());
    List<String> tags = new ArrayList<>();
    tags.add("review");
    if (review.priority() != null) {
      tags.add(review.priority().toLowerCase(Locale.ROOT));
    }
    items.stream().map(ActionItem::type).distinct().forEach(tags::add);
    KnowledgeDocument document =
        knowledge.publishReview(
            review.incidentNumber(),
            title,
            markdown(review, timeline, items),
            List.of(review.service()),
            tags,
            review.reviewOwner());
    store.set(
        job.incidentNumber(),
        "status = CASE WHEN status = 'closed' THEN status ELSE 'following-up' END,"
            + " document_id = ?",
        document.id());
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.PUBLISHED,
        job,
        Map.of("documentId", document.id(), "version", document.version()));
  }

  static String markdown(Review review, List<TimelineItem> timeline, List<ActionItem> items) {
    Review.Sections s = review.sections();
    StringBuilder md = new StringBuilder();
    md.append("# Post-incident review: ").append(review.incidentNumber()).append("\n\n");
    md.append("- **Service:** ").append(review.service()).append('\n');
    md.append("- **Priority:** ")
        .append(review.priority() == null ? "-" : review.priority())
        .append('\n');
    md.append("- **Review owner:** ").append(review.reviewOwner()).append('\n');
    if (review.approvedBy() != null) {
      md.append("- **Approved by:** ").append(review.approvedBy()).append('\n');
    }
    md.append("\n## Root cause\n\n").append(orDash(s.rootCause())).append("\n\n");
    md.append("## Contributing factors\n\n").append(orDash(s.contributingFactors())).append("\n\n");
    md.append("## Impact\n\n");
    md.append("- **Users affected:** ")
        .append(s.impactUsers() == null ? "-" : s.impactUsers())
        .append('\n');
    md.append("- **Duration:** ")
        .append(s.impactDurationMinutes() == null ? "-" : s.impactDurationMinutes() + " min")
        .append('\n');
    md.append("- **Data:** ").append(orDash(s.impactData())).append("\n\n");
    md.append("## What went well\n\n").append(orDash(s.wentWell())).append("\n\n");
    md.append("## Timeline (Asia/Shanghai)\n\n");
    for (TimelineItem entry : timeline) {
      if (!entry.hidden()) {
        md.append("- ")
            .append(DAY.format(entry.at()))
            .append(" — ")
            .append(entry.summary().replace('\n', ' '))
            .append('\n');
      }
    }
    md.append("\n## Action items\n\n");
    if (items.isEmpty()) {
      md.append("None.\n");
    }
    for (ActionItem item : items) {
      md.append("- [")
          .append(ActionItem.OPEN.equals(item.state()) ? " " : "x")
          .append("] ")
          .append(item.title().replace('\n', ' '))
          .append(" — ")
          .append(item.owner())
          .append(", due ")
          .append(DAY.format(item.dueDate()))
          .append(", ")
          .append(item.priority())
          .append(", ")
          .append(item.type())
          .append('\n');
    }
    return md.toString();
  }

  void close(Job job) {
    review(job);
    store.set(job.incidentNumber(), "status = 'closed', closed_at = COALESCE(closed_at, now())");
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.CLOSED,
        job,
        Map.of("actionItems", store.items(job.incidentNumber()).size()));
  }

  // ---- action items

  void remindItem(Job job, String itemId) {
    ActionItem item = item(job, itemId);
    boolean delivered =
        tell(
            item.owner(),
            item.id() + ":remind:" + item.dueDate().toEpochMilli() + ":" + item.owner(),
            Notifier.Urgency.INFO,
            "["
                + job.incidentNumber()
                + "] action item "
                + item.id()
                + " due "
                + DAY.format(item.dueDate()),
            "Your action item "
                + item.id()
                + " of the review of incident "
                + job.incidentNumber()
                + " is due "
                + DAY.format(item.dueDate())
                + " (Asia/Shanghai).",
            "/reviews/" + job.incidentNumber());
    store.setItem(item.id(), "reminded_at = now()");
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.ITEM_REMINDED,
        job,
        Map.of("item", item.id(), "owner", item.owner(), "delivered", delivered));
  }

  void escalateItem(Job job, String itemId) {
    ActionItem item = item(job, itemId);
    Review review = review(job);
    List<String> managers = ownersManagers(item.owner(), review.ownerGroup());
    List<String> told = new ArrayList<>();
    for (String manager : managers) {
      if (tell(
          manager,
          item.id() + ":overdue:" + item.dueDate().toEpochMilli() + ":" + manager,
          Notifier.Urgency.INFO,
          "[" + job.incidentNumber() + "] action item " + item.id() + " is overdue",
          "Action item "
              + item.id()
              + " of the review of incident "
              + job.incidentNumber()
              + ", owned by "
              + item.owner()
              + ", was due "
              + DAY.format(item.dueDate())
              + " (Asia/Shanghai).",
          "/reviews/" + job.incidentNumber())) {
        told.add(manager);
      }
    }
    store.setItem(item.id(), "escalated_at = now()");
    record(
        ReviewAuditActions.SYSTEM,
        ReviewAuditActions.ITEM_ESCALATED,
        job,
        Map.of("item", item.id(), "owner", item.owner(), "managers", managers, "told", told));
  }

  /** Records the item's new state; for a new due date, the item's new due date and reminder. */
  Map<String, Object> actionItem(
      Job job, String state, String itemId, String reason, String newDueDate) {
    ActionItem item = item(job, itemId);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("item", item.id());
    details.put("state", state);
    Map<String, Object> result = new LinkedHashMap<>();
    switch (state == null ? "" : state) {
      case STATE_DONE ->
          store.setItem(item.id(), "state = 'done', closed_at = COALESCE(closed_at, now())");
      case STATE_NOT_DONE ->
          store.setItem(
              item.id(),
              "state = 'not-done', reason = ?, closed_at = COALESCE(closed_at, now())",
              reason == null ? null : reason.length() > 2000 ? reason.substring(0, 2000) : reason);
      case STATE_REDATED -> {
        Instant due = ReviewDueDates.parseDue(newDueDate);
        if (due == null) {
          due = item.dueDate(); // nothing valid was asked for: the due date stays
          details.put("kept", true);
        }
        ReviewIncidents.Facts incident = incidents.find(job.incidentNumber()).orElseThrow();
        Instant remind = dues.remindAt(incident.calendarId(), due, Instant.now());
        if (!due.equals(item.dueDate())) {
          store.setItem(
              item.id(),
              "due_date = ?, remind_at = ?, redated = redated + 1, reminded_at = NULL,"
                  + " escalated_at = NULL",
              ReviewStore.ts(due),
              ReviewStore.ts(remind));
        }
        details.put("from", iso(item.dueDate()));
        details.put("to", iso(due));
        result.put(VAR_ITEM_DUE, iso(due));
        result.put(VAR_ITEM_REMIND_AT, iso(remind));
      }
      default ->
          throw new Refusal("task header state must be done, not-done or redated, not " + state);
    }
    record(ReviewAuditActions.SYSTEM, ReviewAuditActions.ITEM_STATE, job, details);
    return result;
  }

  // ---- helpers

  private Review review(Job job) {
    return store
        .find(job.incidentNumber())
        .orElseThrow(() -> new Refusal("there is no review of incident " + job.incidentNumber()));
  }

  private ActionItem item(Job job, String itemId) {
    if (itemId == null) {
      throw new Refusal("variable actionItem has no id");
    }
    return store
        .item(itemId)
        .filter(i -> i.incidentNumber().equals(job.incidentNumber()))
        .orElseThrow(
            () -> new Refusal("review " + job.incidentNumber() + " has no action item " + itemId));
  }

  private String firstUser(String... names) {
    return firstUser(java.util.Arrays.asList(names)).orElse(null);
  }

  private Optional<String> firstUser(List<String> names) {
    for (String name : names) {
      if (name != null
          && !name.isBlank()
          && directory.user(name).filter(UserAccount::enabled).isPresent()) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The managers of a group (its members when it has none), without {@code except}. */
  private List<String> managersOf(String group, String except) {
    Optional<GroupInfo> info = group == null ? Optional.empty() : directory.group(group);
    if (info.isEmpty()) {
      return List.of();
    }
    List<String> names =
        info.get().managers().isEmpty() ? info.get().members() : info.get().managers();
    return names.stream().filter(n -> !n.equals(except)).toList();
  }

  /**
   * The owner's managers: the managers of the groups the owner belongs to (not the owner); when
   * there are none, those of the review's owner group.
   */
  List<String> ownersManagers(String owner, String ownerGroup) {
    Set<String> managers = new LinkedHashSet<>();
    directory
        .user(owner)
        .ifPresent(
            user -> {
              for (String group : user.groups()) {
                directory
                    .group(group)
                    .ifPresent(
                        g ->
                            g.managers().stream()
                                .filter(m -> !m.equals(owner))
                                .forEach(managers::add));
              }
            });
    if (managers.isEmpty()) {
      managers.addAll(managersOf(ownerGroup, owner));
    }
    return List.copyOf(managers);
  }

  /** Sends an INFO notification to a user; whether it was delivered (or sent before). */
  private boolean tell(
      String username,
      String key,
      Notifier.Urgency urgency,
      String title,
      String text,
      String path) {
    Optional<UserAccount> person =
        username == null ? Optional.empty() : directory.user(username).filter(UserAccount::enabled);
    if (person.isEmpty()) {
      return false;
    }
    UserAccount p = person.get();
    Notifier.Result result =
        notifier.send(
            new Notifier.Notification(
                key,
                new Notifier.Recipient(
                    p.username(), p.displayName(), p.mobile(), p.email(), p.dingtalkUserId()),
                urgency,
                title,
                "**" + title + "**\n\n" + text + "\n",
                publicUrl + path));
    return result.delivered() || result.duplicate();
  }

  private void record(String actor, String action, Job job, Map<String, ?> details) {
    audit.record(
        AuditEvent.of(actor, action, ReviewAuditActions.OBJECT_TYPE, job.incidentNumber())
            .withProcessInstance(job.processInstanceKey(), job.incidentNumber())
            .withDetails(details));
  }

  static Review.Sections merge(Review.Sections stored, Review.Sections given) {
    return new Review.Sections(
        given.rootCause() != null ? given.rootCause() : stored.rootCause(),
        given.contributingFactors() != null
            ? given.contributingFactors()
            : stored.contributingFactors(),
        given.impactUsers() != null ? given.impactUsers() : stored.impactUsers(),
        given.impactDurationMinutes() != null
            ? given.impactDurationMinutes()
            : stored.impactDurationMinutes(),
        given.impactData() != null ? given.impactData() : stored.impactData(),
        given.wentWell() != null ? given.wentWell() : stored.wentWell());
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString();
    return text.length() > 20000 ? text.substring(0, 20000) : text;
  }

  private static Integer integer(Object value) {
    if (value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    return null;
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "-" : text;
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
