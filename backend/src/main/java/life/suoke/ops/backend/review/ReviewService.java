package life.suoke.ops.backend.review;

import static life.suoke.ops.processes.review.EventReviewProcess.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.incident.IncidentAccess;
import life.suoke.ops.backend.incident.IncidentProperties;
import life.suoke.ops.backend.tasks.TaskActions;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review API's rules. Who sees a review: whoever sees every incident (responders, managers,
 * operators, administrators, auditors), its owner, the members of its service owner group and the
 * owners of its action items. Who changes it (sections, timeline, action items, while it is not yet
 * published): its owner and its owner group's members, never auditors. Who approves: members of the
 * owner group, and never while a required section is empty. Every change is checked in full before
 * anything is written, recorded in the audit trail (names of the changed fields, never their
 * texts), and given to the running process as variables, so the process and the record agree.
 */
@Service
public class ReviewService {

  static final int TEXT_MAX = 20000;
  static final int SUMMARY_MAX = 5000;
  static final Set<String> STATUSES =
      Set.of(
          Review.REQUESTED,
          Review.IN_PROGRESS,
          Review.IN_APPROVAL,
          Review.FOLLOWING_UP,
          Review.CLOSED);

  private final ReviewStore store;
  private final ReviewIncidents incidents;
  private final ReviewDueDates dues;
  private final IncidentAccess incidentAccess;
  private final IncidentProperties incidentProperties;
  private final UserDirectory directory;
  private final CamundaClient client;
  private final TaskActions tasks;
  private final AuditTrail audit;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final JdbcTemplate jdbc;

  ReviewService(
      ReviewStore store,
      ReviewIncidents incidents,
      ReviewDueDates dues,
      IncidentAccess incidentAccess,
      IncidentProperties incidentProperties,
      UserDirectory directory,
      CamundaClient client,
      TaskActions tasks,
      AuditTrail audit,
      TransactionTemplate tx,
      ObjectMapper json,
      JdbcTemplate jdbc) {
    this.store = store;
    this.incidents = incidents;
    this.dues = dues;
    this.incidentAccess = incidentAccess;
    this.incidentProperties = incidentProperties;
    this.directory = directory;
    this.client = client;
    this.tasks = tasks;
    this.audit = audit;
    this.tx = tx;
    this.json = json;
    this.jdbc = jdbc;
  }

  // ---- reading

  public List<ReviewDetail.Summary> list(CurrentUser user, String status, int page, int size) {
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      throw ApiProblem.badRequest(
          "status", "must be one of requested, in-progress, in-approval, following-up, closed");
    }
    boolean all = incidentAccess.seesAll(user);
    List<Review> reviews =
        store.list(
            status == null || status.isBlank() ? null : status,
            all ? null : user.username(),
            List.copyOf(user.groups()),
            size,
            page * size);
    Instant now = Instant.now();
    List<ReviewDetail.Summary> out = new ArrayList<>();
    for (Review r : reviews) {
      List<ActionItem> items = store.items(r.incidentNumber());
      out.add(
          new ReviewDetail.Summary(
              r.incidentNumber(),
              r.service(),
              r.priority(),
              r.status(),
              r.reviewOwner(),
              r.ownerGroup(),
              ReviewJobService.iso(r.startDue()),
              items.size(),
              (int) items.stream().filter(i -> ActionItem.OPEN.equals(i.state())).count(),
              (int) items.stream().filter(i -> i.overdue(now)).count(),
              ReviewJobService.iso(r.updatedAt())));
    }
    return out;
  }

  public ReviewDetail get(CurrentUser user, String number) {
    Review review = visible(user, number);
    List<ActionItem> items = store.items(number);
    List<String> actions = new ArrayList<>();
    if (edits(user, review) && review.open()) {
      actions.add("editSections");
      actions.add("editTimeline");
      if (!Review.IN_APPROVAL.equals(review.status())) {
        actions.add("editActionItems");
      }
    }
    List<ReviewDetail.OpenTask> open = openTasks(review);
    if (approves(user, review)
        && Review.IN_APPROVAL.equals(review.status())
        && open.stream().anyMatch(t -> APPROVE_TASK.equals(t.elementId()))) {
      actions.add("approve");
    }
    return new ReviewDetail(
        review, review.sections().missing(), store.timeline(number), items, open, actions);
  }

  // ---- start by hand

  public ReviewDetail start(CurrentUser user, ReviewInputs.Start input) {
    if (input == null || input.incidentNumber() == null || input.incidentNumber().isBlank()) {
      throw ApiProblem.badRequest("incidentNumber", "is required");
    }
    String number = input.incidentNumber().strip();
    ReviewIncidents.Facts incident =
        incidents
            .find(number)
            .orElseThrow(
                () -> ApiProblem.badRequest("incidentNumber", "there is no incident " + number));
    if (user.isAuditor()
        || !(user.isAdmin()
            || user.isOperator()
            || user.inGroup(incidentProperties.managerGroup())
            || user.inGroup(incident.managerGroup())
            || user.username().equals(incident.commander())
            || user.username().equals(incident.handler()))) {
      throw ApiProblem.forbidden(
          "Only the incident's commander, handler or managers start its review by hand.");
    }
    if ("cancelled".equals(incident.status())) {
      throw ApiProblem.badRequest("incidentNumber", "incident " + number + " was cancelled");
    }
    String owner =
        input.reviewOwner() == null || input.reviewOwner().isBlank()
            ? null
            : input.reviewOwner().strip();
    if (owner != null && directory.user(owner).filter(UserAccount::enabled).isEmpty()) {
      throw ApiProblem.badRequest("reviewOwner", "must be an enabled user");
    }
    if (store.find(number).isPresent()) {
      throw ApiProblem.conflict("Incident " + number + " has a review already.");
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(VAR_INCIDENT_NUMBER, number);
    variables.put("businessKey", number);
    variables.put(VAR_SERVICE, incident.service());
    if (incident.priority() != null) {
      variables.put(VAR_PRIORITY, incident.priority());
    }
    if (owner != null) {
      variables.put(VAR_REVIEW_OWNER, owner);
    }
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(variables)
            .send()
            .join()
            .getProcessInstanceKey();
    // the incident's own review request counts as started, so that its close starts no second
    // review
    jdbc.update(
        "INSERT INTO incident_review_request (incident_number, priority, requested, status, process_instance_key)"
            + " VALUES (?, ?, true, 'started', ?) ON CONFLICT (incident_number) DO UPDATE SET status = 'started',"
            + " process_instance_key = EXCLUDED.process_instance_key",
        number,
        incident.priority(),
        key);
    record(
        user.username(),
        ReviewAuditActions.STARTED_BY_HAND,
        number,
        key,
        Map.of(
            "processInstanceKey", Long.toString(key), "reviewOwner", owner == null ? "" : owner));
    return new ReviewDetail(
        new Review(
            number,
            incident.service(),
            incident.priority(),
            Review.REQUESTED,
            owner,
            null,
            null,
            null,
            key,
            new Review.Sections(null, null, null, null, null, null),
            null,
            null,
            null,
            null,
            null,
            null,
            null),
        List.of("rootCause", "contributingFactors", "impact", "wentWell"),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  // ---- sections

  public ReviewDetail updateSections(CurrentUser user, String number, ReviewInputs.Sections input) {
    Review review = editable(user, number);
    if (input == null) {
      throw ApiProblem.badRequest("body", "is required");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    text(errors, "rootCause", input.rootCause(), TEXT_MAX);
    text(errors, "contributingFactors", input.contributingFactors(), TEXT_MAX);
    text(errors, "impactData", input.impactData(), TEXT_MAX);
    text(errors, "wentWell", input.wentWell(), TEXT_MAX);
    if (input.impactUsers() != null && input.impactUsers() < 0) {
      errors.add(new ApiProblem.FieldError("impactUsers", "must be 0 or more"));
    }
    if (input.impactDurationMinutes() != null && input.impactDurationMinutes() < 0) {
      errors.add(new ApiProblem.FieldError("impactDurationMinutes", "must be 0 or more"));
    }
    Review.Sections merged =
        ReviewJobService.merge(
            review.sections(),
            new Review.Sections(
                input.rootCause(),
                input.contributingFactors(),
                input.impactUsers(),
                input.impactDurationMinutes(),
                input.impactData(),
                input.wentWell()));
    if (errors.isEmpty() && Review.IN_APPROVAL.equals(review.status())) {
      for (String section : merged.missing()) {
        errors.add(
            new ApiProblem.FieldError(
                section, "must not be empty while the review is in approval"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    tx.executeWithoutResult(
        s -> {
          store.lock(number);
          store.sections(number, merged);
        });
    Map<String, Object> variables = new LinkedHashMap<>();
    putIfGiven(variables, VAR_ROOT_CAUSE, input.rootCause());
    putIfGiven(variables, VAR_CONTRIBUTING_FACTORS, input.contributingFactors());
    putIfGiven(variables, VAR_IMPACT_USERS, input.impactUsers());
    putIfGiven(variables, VAR_IMPACT_DURATION_MINUTES, input.impactDurationMinutes());
    putIfGiven(variables, VAR_IMPACT_DATA, input.impactData());
    putIfGiven(variables, VAR_WENT_WELL, input.wentWell());
    setVariables(review, variables);
    record(
        user.username(),
        ReviewAuditActions.SECTIONS,
        number,
        review.processInstanceKey(),
        Map.of("fields", List.copyOf(variables.keySet())));
    return get(user, number);
  }

  // ---- timeline

  public ReviewDetail addTimelineEntry(
      CurrentUser user, String number, ReviewInputs.TimelineEntry input) {
    Review review = editable(user, number);
    if (input == null) {
      throw ApiProblem.badRequest("body", "is required");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    Instant at = instant(errors, "at", input.at(), true);
    if (input.summary() == null || input.summary().isBlank()) {
      errors.add(new ApiProblem.FieldError("summary", "is required"));
    } else {
      text(errors, "summary", input.summary(), SUMMARY_MAX);
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    long id = store.addManual(number, at, user.username(), input.summary().strip());
    record(
        user.username(),
        ReviewAuditActions.TIMELINE_ADD,
        number,
        review.processInstanceKey(),
        Map.of("entry", id));
    return get(user, number);
  }

  public ReviewDetail editTimelineEntry(
      CurrentUser user, String number, long id, ReviewInputs.TimelineEntry input) {
    Review review = editable(user, number);
    TimelineItem entry =
        store
            .entry(number, id)
            .orElseThrow(
                () ->
                    ApiProblem.notFound("Review " + number + " has no timeline entry " + id + "."));
    if (input == null) {
      throw ApiProblem.badRequest("body", "is required");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    Instant at = input.at() == null ? entry.at() : instant(errors, "at", input.at(), true);
    String summary = entry.summary();
    if (input.summary() != null) {
      if (input.summary().isBlank()) {
        errors.add(
            new ApiProblem.FieldError("summary", "must not be empty (hide the entry instead)"));
      } else {
        text(errors, "summary", input.summary(), SUMMARY_MAX);
        summary = input.summary().strip();
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    boolean hidden = input.hidden() == null ? entry.hidden() : input.hidden();
    store.editEntry(id, summary, hidden, at, user.username());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entry", id);
    details.put("summaryChanged", !summary.equals(entry.summary()));
    details.put("hidden", hidden);
    details.put("atChanged", !at.equals(entry.at()));
    record(
        user.username(),
        ReviewAuditActions.TIMELINE_EDIT,
        number,
        review.processInstanceKey(),
        details);
    return get(user, number);
  }

  // ---- action items

  public ReviewDetail replaceActionItems(
      CurrentUser user, String number, ReviewInputs.Items input) {
    Review review = editable(user, number);
    if (!Review.REQUESTED.equals(review.status()) && !Review.IN_PROGRESS.equals(review.status())) {
      throw ApiProblem.conflict(
          "The action items of review " + number + " are fixed once it is in approval.");
    }
    if (input == null || input.items() == null) {
      throw ApiProblem.badRequest("items", "is required");
    }
    if (input.items().size() > 50) {
      throw ApiProblem.badRequest("items", "must have at most 50 entries");
    }
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    List<ActionItem> items = new ArrayList<>();
    ReviewIncidents.Facts incident = incidents.find(number).orElseThrow();
    Instant now = Instant.now();
    for (int i = 0; i < input.items().size(); i++) {
      ReviewInputs.Item item = input.items().get(i);
      String at = "items[" + i + "]";
      if (item == null) {
        errors.add(new ApiProblem.FieldError(at, "must be an object"));
        continue;
      }
      int before = errors.size();
      if (item.title() == null || item.title().isBlank() || item.title().length() > 500) {
        errors.add(new ApiProblem.FieldError(at + ".title", "must be 1 to 500 characters"));
      }
      if (item.owner() == null
          || directory.user(item.owner().strip()).filter(UserAccount::enabled).isEmpty()) {
        errors.add(new ApiProblem.FieldError(at + ".owner", "must be an enabled user"));
      }
      Instant due = ReviewDueDates.parseDue(item.dueDate());
      if (due == null) {
        errors.add(
            new ApiProblem.FieldError(
                at + ".dueDate", "must be a day (yyyy-mm-dd) or an ISO date-time"));
      } else if (due.isBefore(now)) {
        errors.add(new ApiProblem.FieldError(at + ".dueDate", "must not be in the past"));
      }
      if (item.priority() == null || !ReviewJobService.PRIORITIES.contains(item.priority())) {
        errors.add(new ApiProblem.FieldError(at + ".priority", "must be high, medium or low"));
      }
      if (item.type() == null || !ReviewJobService.TYPES.contains(item.type())) {
        errors.add(
            new ApiProblem.FieldError(at + ".type", "must be fix, prevent, detect or process"));
      }
      if (errors.size() == before) {
        items.add(
            new ActionItem(
                number + "-A" + (i + 1),
                number,
                i + 1,
                item.title().strip(),
                item.owner().strip(),
                due,
                dues.remindAt(incident.calendarId(), due, now),
                item.priority(),
                item.type(),
                ActionItem.OPEN,
                null,
                0,
                null,
                null,
                null));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    tx.executeWithoutResult(
        s -> {
          store.lock(number);
          store.replaceItems(number, items);
        });
    setVariables(
        review, Map.of(VAR_ACTION_ITEMS, items.stream().map(ReviewJobService::variable).toList()));
    record(
        user.username(),
        ReviewAuditActions.ACTION_ITEMS,
        number,
        review.processInstanceKey(),
        Map.of("items", items.stream().map(ActionItem::id).toList()));
    return get(user, number);
  }

  // ---- approval

  public ReviewDetail approve(CurrentUser user, String number, ReviewInputs.Approval input) {
    Review review = visible(user, number);
    if (!approves(user, review)) {
      throw ApiProblem.forbidden(
          "Only members of the service owner group "
              + review.ownerGroup()
              + " approve this review.");
    }
    if (input == null || input.approved() == null) {
      throw ApiProblem.badRequest(
          "approved", "is required (true to approve, false to request changes)");
    }
    String comment = input.comment() == null ? null : input.comment().strip();
    if (!input.approved() && (comment == null || comment.isEmpty())) {
      throw ApiProblem.badRequest("comment", "is required when changes are requested");
    }
    if (comment != null && comment.length() > 2000) {
      throw ApiProblem.badRequest("comment", "must be at most 2000 characters");
    }
    if (!Review.IN_APPROVAL.equals(review.status())) {
      throw ApiProblem.conflict(
          "Review " + number + " is " + review.status() + ", not in approval.");
    }
    List<String> missing = review.sections().missing();
    if (input.approved() && !missing.isEmpty()) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Review "
              + number
              + " cannot be approved while a required section is"
              + " empty: "
              + String.join(", ", missing),
          missing.stream()
              .map(m -> new ApiProblem.FieldError(m, "is required before approval"))
              .toList());
    }
    ReviewDetail.OpenTask task =
        openTasks(review).stream()
            .filter(t -> APPROVE_TASK.equals(t.elementId()))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "The approval task of review " + number + " is not open (yet)."));
    ObjectNode variables = json.createObjectNode();
    variables.put(VAR_APPROVED, input.approved());
    if (comment != null && !comment.isEmpty()) {
      variables.put(VAR_APPROVAL_COMMENT, comment);
    }
    tasks.complete(user, Long.parseLong(task.key()), variables);
    if (input.approved()) {
      store.set(number, "approved_by = ?, approved_at = now()", user.username());
    } else {
      store.set(number, "status = 'in-progress'");
    }
    record(
        user.username(),
        input.approved() ? ReviewAuditActions.APPROVE : ReviewAuditActions.REQUEST_CHANGES,
        number,
        review.processInstanceKey(),
        Map.of("task", task.key()));
    return get(user, number);
  }

  // ---- access

  Review visible(CurrentUser user, String number) {
    Review review =
        store
            .find(number)
            .orElseThrow(() -> ApiProblem.notFound("There is no review of " + number + "."));
    if (incidentAccess.seesAll(user)
        || user.username().equals(review.reviewOwner())
        || user.inGroup(review.ownerGroup())
        || store.items(number).stream().anyMatch(i -> user.username().equals(i.owner()))) {
      return review;
    }
    throw ApiProblem.forbidden("You may not see this review.");
  }

  private Review editable(CurrentUser user, String number) {
    Review review = visible(user, number);
    if (!edits(user, review)) {
      throw ApiProblem.forbidden(
          "Only the review owner and the service owner group change this review.");
    }
    if (!review.open()) {
      throw ApiProblem.conflict("Review " + number + " is published; it does not change any more.");
    }
    return review;
  }

  static boolean edits(CurrentUser user, Review review) {
    return !user.isAuditor()
        && (user.username().equals(review.reviewOwner()) || user.inGroup(review.ownerGroup()));
  }

  static boolean approves(CurrentUser user, Review review) {
    return !user.isAuditor() && review.ownerGroup() != null && user.inGroup(review.ownerGroup());
  }

  private List<ReviewDetail.OpenTask> openTasks(Review review) {
    if (review.processInstanceKey() == null) {
      return List.of();
    }
    List<UserTask> open =
        client
            .newUserTaskSearchRequest()
            .filter(
                f -> f.processInstanceKey(review.processInstanceKey()).state(UserTaskState.CREATED))
            .page(p -> p.limit(100))
            .send()
            .join()
            .items();
    return open.stream()
        .map(
            t ->
                new ReviewDetail.OpenTask(
                    String.valueOf(t.getUserTaskKey()),
                    t.getElementId(),
                    t.getName(),
                    t.getAssignee(),
                    t.getCandidateGroups() == null ? List.of() : t.getCandidateGroups(),
                    t.getDueDate() == null ? null : t.getDueDate().toInstant().toString()))
        .toList();
  }

  private void setVariables(Review review, Map<String, Object> variables) {
    if (review.processInstanceKey() == null || variables.isEmpty()) {
      return;
    }
    client.newSetVariablesCommand(review.processInstanceKey()).variables(variables).send().join();
  }

  private void record(
      String actor, String action, String number, Long processInstanceKey, Map<String, ?> details) {
    audit.record(
        AuditEvent.of(actor, action, ReviewAuditActions.OBJECT_TYPE, number)
            .withProcessInstance(processInstanceKey, number)
            .withDetails(details));
  }

  private static void text(
      List<ApiProblem.FieldError> errors, String field, String value, int max) {
    if (value != null && value.length() > max) {
      errors.add(new ApiProblem.FieldError(field, "must be at most " + max + " characters"));
    }
  }

  private static Instant instant(
      List<ApiProblem.FieldError> errors, String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new ApiProblem.FieldError(field, "is required"));
      }
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(new ApiProblem.FieldError(field, "must be an ISO 8601 date-time with offset"));
      return null;
    }
  }

  private static void putIfGiven(Map<String, Object> variables, String name, Object value) {
    if (value != null) {
      variables.put(name, value);
    }
  }
}
