package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Exact counts of open user tasks by candidate group, read off a small index.
 *
 * <p>An inbox counts the open tasks offered to a user's groups: tens of thousands of rows, which
 * {@code user_task} can only count through its GIN index on {@code candidate_groups} and a visit to
 * every matching row (a bitmap heap scan, 30-50 ms for 35,000 rows). Table {@code
 * user_task_candidate_group} holds each user task that is not completed or canceled once per
 * candidate group, with the columns such counts filter on, and a B-tree on {@code (candidate_group,
 * state, assignee, group_count, has_candidate_users)}: the common rows (one group, no candidate
 * users) of a group, state and assignee share one deduplicated index entry, and their count is an
 * index-only scan with no per-row filter (a few ms). The projection rewrites a task's rows in the
 * same transaction as its {@code user_task} row, from that row, so a count from here is the count
 * {@code user_task} would give.
 *
 * <p>A count goes here when its conditions allow it: one that the candidate groups contain a group
 * ({@code $eq}) or share one with a list ({@code $in}), a state that the table holds ({@code $eq}
 * or {@code $in} of states other than completed and canceled), and otherwise only conditions on the
 * columns it has, evaluated exactly as on {@code user_task}. The group condition becomes {@code
 * candidate_group = ANY(groups)}, and the count is the sum of three disjoint parts: tasks of one
 * group without candidate users (the conditions on candidate users are then constants: each holds
 * for an empty list or not), tasks of one group with candidate users, and tasks of several groups,
 * each counted once, on the row of the least of its groups among those asked for.
 */
final class UserTaskGroupCount {

  static final String TABLE = "user_task_candidate_group";

  /** The states of tasks that the table leaves out: they have ended. */
  static final Set<String> ENDED = Set.of("COMPLETED", "CANCELED");

  private static final Set<String> COLUMNS =
      Set.of("t.state", "t.assignee", "t.candidate_groups", "t.candidate_users", "t.user_task_key");

  private UserTaskGroupCount() {}

  /** Inserts the rows of the user tasks that {@code where} selects (on {@code user_task t}). */
  static String fillSql(String schemaPrefix, String where) {
    return "INSERT INTO "
        + schemaPrefix
        + TABLE
        + " (user_task_key, candidate_group, state, assignee, group_count,"
        + " has_candidate_users, candidate_groups, candidate_users)"
        + " SELECT t.user_task_key, g.name, t.state, t.assignee, cardinality(t.candidate_groups),"
        + " coalesce(cardinality(t.candidate_users), 0) > 0, t.candidate_groups, t.candidate_users"
        + " FROM "
        + schemaPrefix
        + "user_task t CROSS JOIN LATERAL unnest(t.candidate_groups) AS g(name)"
        + " WHERE g.name IS NOT NULL AND t.state IS NOT NULL AND t.state NOT IN ('COMPLETED', 'CANCELED') AND ("
        + where
        + ")"
        + " ON CONFLICT (user_task_key, candidate_group) DO NOTHING";
  }

  /**
   * Brings the rows of these user tasks in line with {@code user_task}, after its page was written.
   */
  static void sync(Connection c, String schemaPrefix, List<Object> userTaskKeys)
      throws SQLException {
    if (userTaskKeys.isEmpty()) {
      return;
    }
    java.sql.Array keys = c.createArrayOf("bigint", userTaskKeys.toArray());
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM " + schemaPrefix + TABLE + " WHERE user_task_key = ANY(?)")) {
      delete.setArray(1, keys);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(fillSql(schemaPrefix, "t.user_task_key = ANY(?)"))) {
      insert.setArray(1, keys);
      insert.executeUpdate();
    }
  }

  /** The count over the table, or null where it cannot serve the query. */
  static Count of(TableQuery q) {
    if (!"user_task".equals(q.table())) {
      return null;
    }
    Condition.Compare groups = null;
    boolean openState = false;
    boolean usersEmptyMatch = true;
    List<Condition> rest = new ArrayList<>();
    List<Condition> users = new ArrayList<>();
    for (Condition condition : q.conditions()) {
      if (!(condition instanceof Condition.Compare c) || !COLUMNS.contains(c.sql())) {
        return null;
      }
      if (groups == null
          && c.sql().equals("t.candidate_groups")
          && (c.operator() == Condition.Operator.EQ || c.operator() == Condition.Operator.IN)) {
        groups = c;
        continue; // implied by the row's candidate_group, which is one of the task's groups
      }
      if (c.sql().equals("t.candidate_users")) {
        Boolean holds = holdsForNone(c);
        if (holds == null) {
          return null;
        }
        users.add(c);
        usersEmptyMatch &= holds;
        continue;
      }
      if (c.sql().equals("t.state") && openStates(c)) {
        openState = true;
      }
      rest.add(c);
    }
    if (groups == null || !openState) {
      return null;
    }
    TreeSet<String> names = new TreeSet<>();
    for (Object operand : groups.operands()) {
      names.add(String.valueOf(operand));
    }
    return new Count(
        new SqlConditions(rest), new SqlConditions(users), usersEmptyMatch, List.copyOf(names));
  }

  /**
   * Whether the condition on the candidate users holds for a task without any (null or an empty
   * list, as SqlConditions writes it), or null where that is not known.
   */
  private static Boolean holdsForNone(Condition.Compare c) {
    return switch (c.operator()) {
      case NEQ, NOT_IN -> true;
      case EXISTS -> !Boolean.TRUE.equals(c.operands().get(0));
      case EQ, IN, LIKE -> false;
      default -> null;
    };
  }

  private static boolean openStates(Condition.Compare c) {
    if (c.operator() != Condition.Operator.EQ && c.operator() != Condition.Operator.IN) {
      return false;
    }
    for (Object operand : c.operands()) {
      if (operand == null || ENDED.contains(operand.toString())) {
        return false;
      }
    }
    return !c.operands().isEmpty();
  }

  /**
   * A count over the table: the other conditions as they are, those on candidate users, whether
   * those hold for a task without candidate users, and the groups.
   */
  record Count(
      SqlConditions rest, SqlConditions users, boolean usersEmptyMatch, List<String> groups) {

    String sql(String schemaPrefix) {
      String from = "(SELECT count(*) FROM " + schemaPrefix + TABLE + " t WHERE ";
      String group = groups.size() == 1 ? "t.candidate_group = ?" : "t.candidate_group = ANY(?)";
      StringBuilder sql = new StringBuilder("SELECT ");
      if (usersEmptyMatch) {
        sql.append(from)
            .append(group)
            .append(and(rest.where()))
            .append(" AND t.group_count = 1 AND t.has_candidate_users = FALSE) + ");
      }
      sql.append(from)
          .append(group)
          .append(and(rest.where()))
          .append(and(users.where()))
          .append(" AND t.group_count = 1 AND t.has_candidate_users = TRUE) + ");
      sql.append(from)
          .append(group)
          .append(and(rest.where()))
          .append(and(users.where()))
          .append(" AND t.group_count > 1");
      if (groups.size() > 1) {
        // each task once: on the row of the least of its groups among these
        sql.append(
                " AND t.candidate_group = (SELECT min(x.name) FROM unnest(t.candidate_groups) AS x(name)")
            .append(" WHERE x.name = ANY(?))");
      }
      return sql.append(')').toString();
    }

    private static String and(String where) {
      return where.isEmpty() ? "" : " AND " + where.substring(" WHERE ".length());
    }

    void bind(Connection c, PreparedStatement ps) throws SQLException {
      Object group = groups.size() == 1 ? groups.get(0) : c.createArrayOf("text", groups.toArray());
      int next = 1;
      if (usersEmptyMatch) {
        next = bindGroup(ps, next, group);
        next = rest.bind(c, ps, next);
      }
      next = bindGroup(ps, next, group);
      next = rest.bind(c, ps, next);
      next = users.bind(c, ps, next);
      next = bindGroup(ps, next, group);
      next = rest.bind(c, ps, next);
      next = users.bind(c, ps, next);
      if (groups.size() > 1) {
        bindGroup(ps, next, group);
      }
    }

    private static int bindGroup(PreparedStatement ps, int index, Object group)
        throws SQLException {
      if (group instanceof java.sql.Array array) {
        ps.setArray(index, array);
      } else {
        ps.setString(index, (String) group);
      }
      return index + 1;
    }
  }
}
