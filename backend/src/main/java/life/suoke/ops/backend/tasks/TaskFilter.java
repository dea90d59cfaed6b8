package life.suoke.ops.backend.tasks;

import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.filter.UserTaskFilter;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One conjunction of conditions on open user tasks, as the Camunda client's user task filter can
 * say it (each field at most once; the filter has no OR). The inbox builds its views as unions of
 * such filters. Records, so that equal filters are searched once.
 */
record TaskFilter(
    String assignee,
    String assigneeNot,
    Boolean assigned,
    String candidateUser,
    String candidateUserNot,
    List<String> candidateGroups,
    String process,
    Integer priorityAtLeast,
    OffsetDateTime dueBefore,
    OffsetDateTime followUpUntil,
    String name,
    String businessKeyLike) {

  static final TaskFilter OPEN =
      new TaskFilter(null, null, null, null, null, null, null, null, null, null, null, null);

  TaskFilter assignee(String user) {
    return new TaskFilter(
        user,
        assigneeNot,
        assigned,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter assigneeNot(String user) {
    return new TaskFilter(
        assignee,
        user,
        assigned,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  /** Assigned to someone other than {@code user}. */
  TaskFilter assignedNot(String user) {
    return new TaskFilter(
        assignee,
        user,
        Boolean.TRUE,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter unassigned() {
    return new TaskFilter(
        assignee,
        assigneeNot,
        Boolean.FALSE,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter candidateUser(String user) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        user,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter candidateUserNot(String user) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        candidateUser,
        user,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter candidateGroups(List<String> groups) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        candidateUser,
        candidateUserNot,
        List.copyOf(groups),
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        businessKeyLike);
  }

  TaskFilter common(
      String processId, Integer minPriority, OffsetDateTime due, OffsetDateTime followUp) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        processId,
        minPriority,
        due,
        followUp,
        name,
        businessKeyLike);
  }

  TaskFilter name(String taskName) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        taskName,
        businessKeyLike);
  }

  TaskFilter businessKeyLike(String pattern) {
    return new TaskFilter(
        assignee,
        assigneeNot,
        assigned,
        candidateUser,
        candidateUserNot,
        candidateGroups,
        process,
        priorityAtLeast,
        dueBefore,
        followUpUntil,
        name,
        pattern);
  }

  /**
   * Both filters at once (fields set in both must agree; the text fields are the only ones
   * combined).
   */
  TaskFilter and(TaskFilter other) {
    return new TaskFilter(
        pick(assignee, other.assignee),
        pick(assigneeNot, other.assigneeNot),
        pick(assigned, other.assigned),
        pick(candidateUser, other.candidateUser),
        pick(candidateUserNot, other.candidateUserNot),
        pick(candidateGroups, other.candidateGroups),
        pick(process, other.process),
        pick(priorityAtLeast, other.priorityAtLeast),
        pick(dueBefore, other.dueBefore),
        pick(followUpUntil, other.followUpUntil),
        pick(name, other.name),
        pick(businessKeyLike, other.businessKeyLike));
  }

  private static <T> T pick(T a, T b) {
    return a != null ? a : b;
  }

  /** Writes the conditions into the client's filter. */
  void applyTo(UserTaskFilter f) {
    f.state(UserTaskState.CREATED);
    if (assignee != null) {
      f.assignee(assignee);
    } else if (Boolean.FALSE.equals(assigned)) {
      f.assignee(p -> p.exists(false));
    } else if (Boolean.TRUE.equals(assigned)) {
      // both operators of one property must hold
      f.assignee(
          p -> {
            p.exists(true);
            if (assigneeNot != null) {
              p.neq(assigneeNot);
            }
          });
    } else if (assigneeNot != null) {
      f.assignee(p -> p.neq(assigneeNot));
    }
    if (candidateUser != null) {
      f.candidateUser(candidateUser);
    } else if (candidateUserNot != null) {
      f.candidateUser(p -> p.neq(candidateUserNot));
    }
    if (candidateGroups != null) {
      if (candidateGroups.size() == 1) {
        f.candidateGroup(candidateGroups.get(0));
      } else {
        f.candidateGroup(p -> p.in(candidateGroups));
      }
    }
    if (process != null) {
      f.bpmnProcessId(process);
    }
    if (priorityAtLeast != null) {
      f.priority(p -> p.gte(priorityAtLeast));
    }
    if (dueBefore != null) {
      f.dueDate(p -> p.lt(dueBefore));
    }
    if (followUpUntil != null) {
      f.followUpDate(p -> p.lte(followUpUntil));
    }
    if (name != null) {
      f.name(name);
    }
    if (businessKeyLike != null) {
      f.processInstanceVariables(
          List.of(v -> v.name(TaskInbox.BUSINESS_KEY).value(p -> p.like(businessKeyLike))));
    }
  }
}
