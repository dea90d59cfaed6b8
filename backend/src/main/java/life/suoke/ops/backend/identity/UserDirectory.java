package life.suoke.ops.backend.identity;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users, groups and memberships in PostgreSQL ({@code app_user}, {@code app_group}, {@code
 * app_group_member}). Passwords are stored only as adaptive hashes (the application's {@link
 * PasswordEncoder}: bcrypt by default, with the algorithm prefix so it can be upgraded). Validation
 * of input is the caller's; this class only reads and writes.
 */
@Repository
public class UserDirectory {

  private final JdbcTemplate jdbc;
  private final PasswordEncoder encoder;

  public UserDirectory(JdbcTemplate jdbc, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.encoder = encoder;
  }

  /** A user's password hash and state, for sign-in. */
  public record Credentials(
      String username, String passwordHash, boolean enabled, Set<String> groups) {}

  public Optional<Credentials> credentials(String username) {
    List<Credentials> found =
        jdbc.query(
            "SELECT username, password_hash, enabled FROM app_user WHERE username = ?",
            (rs, i) ->
                new Credentials(rs.getString(1), rs.getString(2), rs.getBoolean(3), Set.of()),
            username);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Credentials c = found.get(0);
    return Optional.of(
        new Credentials(c.username(), c.passwordHash(), c.enabled(), groupsOf(c.username())));
  }

  public Set<String> groupsOf(String username) {
    return new TreeSet<>(
        jdbc.queryForList(
            "SELECT group_name FROM app_group_member WHERE username = ?", String.class, username));
  }

  public Optional<UserAccount> user(String username) {
    List<UserAccount> users = users(List.of(username));
    return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
  }

  public List<UserAccount> users() {
    return users(null);
  }

  private List<UserAccount> users(Collection<String> only) {
    return only == null
        ? accounts("", new Object[0])
        : accounts(" WHERE u.username = ANY (?)", new Object[] {only.toArray(String[]::new)});
  }

  /** The enabled and disabled members of {@code group}, by user name (one query). */
  public List<UserAccount> members(String group) {
    return accounts(
        " WHERE u.username IN (SELECT username FROM app_group_member WHERE group_name = ?)",
        new Object[] {group});
  }

  /** The accounts {@code where} selects, with their groups, in one query, by user name. */
  private List<UserAccount> accounts(String where, Object[] args) {
    return jdbc.query(
        "SELECT u.username, u.display_name, u.email, u.mobile, u.dingtalk_user_id, u.enabled,"
            + " array_agg(m.group_name) FILTER (WHERE m.group_name IS NOT NULL) AS groups,"
            + " array_agg(m.group_name) FILTER (WHERE m.manager) AS managed"
            + " FROM app_user u LEFT JOIN app_group_member m ON m.username = u.username"
            + where
            + " GROUP BY u.username ORDER BY u.username",
        (rs, i) ->
            new UserAccount(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                names(rs.getArray(7)),
                names(rs.getArray(8)),
                rs.getBoolean(6)),
        args);
  }

  /** A text array's values, sorted; empty for SQL NULL. */
  private static Set<String> names(Array array) throws SQLException {
    if (array == null) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    for (Object name : (Object[]) array.getArray()) {
      names.add((String) name);
    }
    return names;
  }

  /** Creates a user with a password (hashed here) and group memberships. */
  @Transactional
  public void createUser(UserAccount user, String password) {
    jdbc.update(
        "INSERT INTO app_user (username, password_hash, display_name, email, mobile, dingtalk_user_id, enabled)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        user.username(),
        password == null ? null : encoder.encode(password),
        user.displayName(),
        user.email(),
        user.mobile(),
        user.dingtalkUserId(),
        user.enabled());
    writeMemberships(user);
  }

  /** Replaces a user's fields and memberships; the password only when one is given. */
  @Transactional
  public boolean updateUser(UserAccount user, String password) {
    int updated =
        jdbc.update(
            "UPDATE app_user SET display_name = ?, email = ?, mobile = ?, dingtalk_user_id = ?,"
                + " enabled = ?, updated_at = now() WHERE username = ?",
            user.displayName(),
            user.email(),
            user.mobile(),
            user.dingtalkUserId(),
            user.enabled(),
            user.username());
    if (updated == 0) {
      return false;
    }
    if (password != null) {
      jdbc.update(
          "UPDATE app_user SET password_hash = ? WHERE username = ?",
          encoder.encode(password),
          user.username());
    }
    jdbc.update("DELETE FROM app_group_member WHERE username = ?", user.username());
    writeMemberships(user);
    return true;
  }

  private void writeMemberships(UserAccount user) {
    for (String group : user.groups()) {
      jdbc.update(
          "INSERT INTO app_group_member (group_name, username, manager) VALUES (?, ?, ?)",
          group,
          user.username(),
          user.managedGroups().contains(group));
    }
  }

  public boolean deleteUser(String username) {
    return jdbc.update("DELETE FROM app_user WHERE username = ?", username) > 0;
  }

  public boolean userExists(String username) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM app_user WHERE username = ?)", Boolean.class, username));
  }

  public long countUsers() {
    Long n = jdbc.queryForObject("SELECT count(*) FROM app_user", Long.class);
    return n == null ? 0 : n;
  }

  // groups

  public List<GroupInfo> groups() {
    return groups(null);
  }

  public Optional<GroupInfo> group(String name) {
    List<GroupInfo> found = groups(name);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private List<GroupInfo> groups(String only) {
    String where = only == null ? "" : " WHERE g.name = ?";
    Object[] args = only == null ? new Object[0] : new Object[] {only};
    Map<String, String> names = new LinkedHashMap<>();
    jdbc.query(
        "SELECT g.name, g.display_name FROM app_group g" + where + " ORDER BY g.name",
        rs -> {
          names.put(rs.getString(1), rs.getString(2));
        },
        args);
    Map<String, List<String>> members = new HashMap<>();
    Map<String, List<String>> managers = new HashMap<>();
    jdbc.query(
        "SELECT m.group_name, m.username, m.manager FROM app_group_member m JOIN app_group g ON g.name = m.group_name"
            + where
            + " ORDER BY m.username",
        rs -> {
          members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
          if (rs.getBoolean(3)) {
            managers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
          }
        },
        args);
    List<GroupInfo> result = new ArrayList<>();
    names.forEach(
        (name, display) ->
            result.add(
                new GroupInfo(
                    name,
                    display,
                    members.getOrDefault(name, List.of()),
                    managers.getOrDefault(name, List.of()))));
    return result;
  }

  public void createGroup(String name, String displayName) {
    jdbc.update("INSERT INTO app_group (name, display_name) VALUES (?, ?)", name, displayName);
  }

  public boolean updateGroup(String name, String displayName) {
    return jdbc.update(
            "UPDATE app_group SET display_name = ?, updated_at = now() WHERE name = ?",
            displayName,
            name)
        > 0;
  }

  public boolean deleteGroup(String name) {
    return jdbc.update("DELETE FROM app_group WHERE name = ?", name) > 0;
  }

  public boolean groupExists(String name) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM app_group WHERE name = ?)", Boolean.class, name));
  }

  /** The groups among {@code names} that do not exist. */
  public Set<String> missingGroups(Collection<String> names) {
    Set<String> missing = new TreeSet<>(names);
    missing.removeAll(
        jdbc.queryForList(
            "SELECT name FROM app_group WHERE name = ANY (?)",
            String.class,
            (Object) names.toArray(String[]::new)));
    return missing;
  }

  /** Users of a group (for assignment pickers). */
  public List<String> membersOf(String group) {
    return jdbc.queryForList(
        "SELECT username FROM app_group_member WHERE group_name = ? ORDER BY username",
        String.class,
        group);
  }

  /** Whether {@code username} manages one of {@code groups}. */
  public boolean managesAny(String username, Collection<String> groupNames) {
    if (groupNames == null || groupNames.isEmpty()) {
      return false;
    }
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            "SELECT EXISTS (SELECT 1 FROM app_group_member WHERE username = ? AND manager AND group_name = ANY (?))",
            Boolean.class,
            username,
            groupNames.toArray(String[]::new)));
  }
}
