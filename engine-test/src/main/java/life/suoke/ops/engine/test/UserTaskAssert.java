package life.suoke.ops.engine.test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import life.suoke.ops.engine.test.UserTaskSnapshot.State;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions about one user task, checked against the engine's record log (so a completed task can
 * still be checked). The task is the one the {@link UserTaskSelector} picks, looked up afresh on
 * every poll (the one created last if several match). Each assertion waits until its property
 * holds; it fails when the assertion timeout passes first, or at once when the task has ended
 * without the property holding. A failure message shows the task as it is, or, if none matches, the
 * user tasks there are.
 *
 * <p>Obtain one with {@link ProcessEngineAssertions#assertThat(UserTaskSelector)}.
 */
public final class UserTaskAssert extends AbstractAssert<UserTaskAssert, UserTaskSelector> {

  private final RecordStream stream;
  private final UserTaskSelector selector;
  private Duration timeout;
  private Duration interval;

  UserTaskAssert(
      RecordStream stream, UserTaskSelector selector, Duration timeout, Duration interval) {
    super(Objects.requireNonNull(selector, "selector"), UserTaskAssert.class);
    this.stream = stream;
    this.selector = selector;
    this.timeout = timeout;
    this.interval = interval;
  }

  /**
   * Waits at most this long for each following assertion of this object (default: the global
   * timeout).
   */
  public UserTaskAssert withAssertionTimeout(Duration assertionTimeout) {
    this.timeout = ProcessEngineAssertions.requirePositive(assertionTimeout, "assertion timeout");
    return this;
  }

  /** Looks at the record log this often while waiting (default: the global interval). */
  public UserTaskAssert withAssertionInterval(Duration assertionInterval) {
    this.interval =
        ProcessEngineAssertions.requirePositive(assertionInterval, "assertion interval");
    return this;
  }

  // ------------------------------------------------------------------------------- state

  /** The user task is created and open: neither completed nor canceled. */
  public UserTaskAssert isCreated() {
    return await("to be created", t -> t.state() == State.CREATED, t -> "it is " + t.state());
  }

  /** The user task was completed. */
  public UserTaskAssert isCompleted() {
    return await("to be completed", t -> t.state() == State.COMPLETED, t -> "it is " + t.state());
  }

  /** The user task was canceled (its element was terminated). */
  public UserTaskAssert isCanceled() {
    return await("to be canceled", t -> t.state() == State.CANCELED, t -> "it is " + t.state());
  }

  // ------------------------------------------------------------------------------- properties

  /** Someone is assigned to the user task. */
  public UserTaskAssert isAssigned() {
    return await("to be assigned", UserTaskSnapshot::isAssigned, t -> "it is not assigned");
  }

  /** The user task is not assigned to anyone. */
  public UserTaskAssert isUnassigned() {
    return await(
        "to be unassigned", t -> !t.isAssigned(), t -> "it is assigned to '" + t.assignee() + "'");
  }

  /** The user task is assigned to this user. */
  public UserTaskAssert hasAssignee(String assignee) {
    Objects.requireNonNull(assignee, "assignee");
    return await(
        "to have assignee '" + assignee + "'",
        t -> assignee.equals(t.assignee()),
        t -> t.isAssigned() ? "its assignee is '" + t.assignee() + "'" : "it is not assigned");
  }

  /** The user task's candidate groups include this group. */
  public UserTaskAssert hasCandidateGroup(String candidateGroup) {
    Objects.requireNonNull(candidateGroup, "candidateGroup");
    return hasCandidateGroups(List.of(candidateGroup));
  }

  /** The user task's candidate groups include all these groups. */
  public UserTaskAssert hasCandidateGroups(String... candidateGroups) {
    return hasCandidateGroups(List.of(candidateGroups));
  }

  /** The user task's candidate groups include all these groups. */
  public UserTaskAssert hasCandidateGroups(List<String> candidateGroups) {
    List<String> wanted = List.copyOf(candidateGroups);
    return await(
        "to have candidate groups " + wanted,
        t -> t.candidateGroups().containsAll(wanted),
        t ->
            "its candidate groups are "
                + t.candidateGroups()
                + " (missing "
                + missing(t.candidateGroups(), wanted)
                + ")");
  }

  /** The user task's candidate users include all these users. */
  public UserTaskAssert hasCandidateUsers(String... candidateUsers) {
    List<String> wanted = List.of(candidateUsers);
    return await(
        "to have candidate users " + wanted,
        t -> t.candidateUsers().containsAll(wanted),
        t ->
            "its candidate users are "
                + t.candidateUsers()
                + " (missing "
                + missing(t.candidateUsers(), wanted)
                + ")");
  }

  /**
   * The user task has this priority (0 to 100; 50 unless the model or an update says otherwise).
   */
  public UserTaskAssert hasPriority(int priority) {
    return await(
        "to have priority " + priority,
        t -> t.priority() == priority,
        t -> "its priority is " + t.priority());
  }

  /** The user task is due at this instant (the offset may differ). */
  public UserTaskAssert hasDueDate(OffsetDateTime dueDate) {
    Objects.requireNonNull(dueDate, "dueDate");
    return await(
        "to have due date " + dueDate,
        t -> sameInstant(t.dueDate(), dueDate),
        t -> t.dueDate().isEmpty() ? "it has no due date" : "its due date is " + t.dueDate());
  }

  /** The user task is due at this instant, given as an ISO 8601 date-time with offset. */
  public UserTaskAssert hasDueDate(String dueDate) {
    return hasDueDate(OffsetDateTime.parse(dueDate));
  }

  /** The user task belongs to the BPMN element with this id. */
  public UserTaskAssert hasElementId(String elementId) {
    return await(
        "to have element id '" + elementId + "'",
        t -> t.elementId().equals(elementId),
        t -> "its element id is '" + t.elementId() + "'");
  }

  /** The user task's BPMN element has this name. */
  public UserTaskAssert hasName(String name) {
    return await(
        "to have name '" + name + "'",
        t -> t.name().equals(name),
        t -> "its name is '" + t.name() + "'");
  }

  /** The user task belongs to this process instance. */
  public UserTaskAssert hasProcessInstanceKey(long processInstanceKey) {
    return await(
        "to belong to process instance " + processInstanceKey,
        t -> t.processInstanceKey() == processInstanceKey,
        t -> "it belongs to " + t.processInstanceKey());
  }

  private static boolean sameInstant(String actual, OffsetDateTime expected) {
    if (actual == null || actual.isEmpty()) {
      return false;
    }
    try {
      return OffsetDateTime.parse(actual).isEqual(expected);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static List<String> missing(List<String> have, List<String> wanted) {
    List<String> missing = new ArrayList<>();
    for (String w : wanted) {
      if (!have.contains(w)) {
        missing.add(w);
      }
    }
    return missing;
  }

  // ------------------------------------------------------------------------------- waiting

  /** Nothing changes a completed or canceled task, so once it has ended, waiting is over. */
  private UserTaskAssert await(
      String expectation,
      Predicate<UserTaskSnapshot> holds,
      Function<UserTaskSnapshot, String> problem) {
    Awaiting.Result result =
        Awaiting.await(
            stream,
            timeout,
            interval,
            h -> {
              UserTaskSnapshot task = h.userTask(selector);
              if (task == null) {
                return Outcome.NOT_YET;
              }
              return Outcome.holdsOr(holds.test(task), task.state() == State.CREATED);
            });
    if (!result.holds()) {
      String report =
          stream.query(
              h -> {
                UserTaskSnapshot task = h.userTask(selector);
                if (task == null) {
                  return "no user task matches ("
                      + result.why()
                      + ").\nActual: "
                      + h.describeUserTasks();
                }
                return problem.apply(task)
                    + " ("
                    + result.why()
                    + ").\nActual: user task "
                    + task.describe();
              });
      failWithMessage(
          "%s",
          "Expected user task [" + selector.describe() + "] " + expectation + ", but " + report);
    }
    return myself;
  }

  @Override
  public String toString() {
    return "UserTaskAssert[" + selector.describe() + "]";
  }
}
