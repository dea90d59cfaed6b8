package life.suoke.ops.backend.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import life.suoke.ops.backend.api.ApiProblem;
import life.suoke.ops.backend.audit.AuditActions;
import life.suoke.ops.backend.audit.AuditEvent;
import life.suoke.ops.backend.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to users and groups: input checked field by field before anything is
 * written (every bad field named in one 400 answer), then written in one transaction, then audited
 * (never with the password). An administrator cannot lock themselves out: they cannot delete or
 * disable their own account, nor take themselves out of {@code admins}; the last enabled
 * administrator cannot be removed.
 */
@Service
public class UserAdministration {

  /** The fields of a user as written through the API. */
  public interface UserInput {
    String username();

    String password();

    String displayName();

    String email();

    String mobile();

    String dingtalkUserId();

    List<String> groups();

    List<String> managedGroups();

    Boolean enabled();
  }

  static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
  static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final Pattern MOBILE = Pattern.compile("\\+?[0-9][0-9 -]{5,30}");
  static final int MIN_PASSWORD = 12;

  private final UserDirectory directory;
  private final AuditTrail audit;

  public UserAdministration(UserDirectory directory, AuditTrail audit) {
    this.directory = directory;
    this.audit = audit;
  }

  public List<UserAccount> users() {
    return directory.users();
  }

  public UserAccount user(String username) {
    return directory
        .user(username)
        .orElseThrow(() -> ApiProblem.notFound("No user '" + username + "'."));
  }

  @Transactional
  public UserAccount create(UserInput input, CurrentUser admin) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input.username() == null || !USERNAME.matcher(input.username()).matches()) {
      errors.add(
          new ApiProblem.FieldError(
              "username",
              "is required: 1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit"));
    } else if (directory.userExists(input.username())) {
      errors.add(new ApiProblem.FieldError("username", "is taken"));
    }
    if (input.password() == null) {
      errors.add(new ApiProblem.FieldError("password", "is required"));
    }
    UserAccount user = check(input, input.username(), errors);
    directory.createUser(user, input.password());
    audit.record(
        AuditEvent.of(admin.username(), AuditActions.USER_CREATE, "user", user.username())
            .withDetails(describe(user)));
    return user(user.username());
  }

  @Transactional
  public UserAccount update(String username, UserInput input, CurrentUser admin) {
    UserAccount before = user(username);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (input.username() != null && !input.username().equals(username)) {
      errors.add(
          new ApiProblem.FieldError("username", "cannot be changed (it is the path's user)"));
    }
    UserAccount after = check(input, username, errors);
    if (username.equals(admin.username())) {
      if (!after.enabled()) {
        throw ApiProblem.badRequest("enabled", "you cannot disable your own account");
      }
      if (before.groups().contains(Groups.ADMINS) && !after.groups().contains(Groups.ADMINS)) {
        throw ApiProblem.badRequest("groups", "you cannot remove yourself from admins");
      }
    }
    directory.updateUser(after, input.password());
    Map<String, Object> details = describe(after);
    details.put("passwordChanged", input.password() != null);
    audit.record(
        AuditEvent.of(admin.username(), AuditActions.USER_UPDATE, "user", username)
            .withDetails(details));
    return user(username);
  }

  @Transactional
  public void delete(String username, CurrentUser admin) {
    UserAccount user = user(username);
    if (username.equals(admin.username())) {
      throw ApiProblem.conflict("You cannot delete your own account.");
    }
    if (user.groups().contains(Groups.ADMINS) && enabledAdmins() <= 1 && user.enabled()) {
      throw ApiProblem.conflict("'" + username + "' is the last enabled administrator.");
    }
    directory.deleteUser(username);
    audit.record(AuditEvent.of(admin.username(), AuditActions.USER_DELETE, "user", username));
  }

  private long enabledAdmins() {
    return directory.users().stream()
        .filter(u -> u.enabled() && u.groups().contains(Groups.ADMINS))
        .count();
  }

  private UserAccount check(UserInput input, String username, List<ApiProblem.FieldError> errors) {
    if (input.password() != null && input.password().length() < MIN_PASSWORD) {
      errors.add(
          new ApiProblem.FieldError(
              "password", "must have at least " + MIN_PASSWORD + " characters"));
    }
    if (input.password() != null && input.password().length() > 128) {
      errors.add(new ApiProblem.FieldError("password", "must have at most 128 characters"));
    }
    if (input.displayName() == null || input.displayName().isBlank()) {
      errors.add(new ApiProblem.FieldError("displayName", "is required"));
    } else if (input.displayName().length() > 200) {
      errors.add(new ApiProblem.FieldError("displayName", "must have at most 200 characters"));
    }
    if (blankToNull(input.email()) != null
        && (!EMAIL.matcher(input.email()).matches() || input.email().length() > 320)) {
      errors.add(new ApiProblem.FieldError("email", "is not an e-mail address"));
    }
    if (blankToNull(input.mobile()) != null && !MOBILE.matcher(input.mobile()).matches()) {
      errors.add(
          new ApiProblem.FieldError(
              "mobile", "is not a phone number (digits, optional leading +)"));
    }
    if (blankToNull(input.dingtalkUserId()) != null && input.dingtalkUserId().length() > 100) {
      errors.add(new ApiProblem.FieldError("dingtalkUserId", "must have at most 100 characters"));
    }
    Set<String> groups = new LinkedHashSet<>(input.groups() == null ? List.of() : input.groups());
    Set<String> managed =
        new LinkedHashSet<>(input.managedGroups() == null ? List.of() : input.managedGroups());
    Set<String> missing = directory.missingGroups(groups);
    if (!missing.isEmpty()) {
      errors.add(
          new ApiProblem.FieldError("groups", "unknown groups: " + String.join(", ", missing)));
    }
    if (!groups.containsAll(managed)) {
      Set<String> outside = new LinkedHashSet<>(managed);
      outside.removeAll(groups);
      errors.add(
          new ApiProblem.FieldError(
              "managedGroups",
              "a user can manage only groups they belong to: " + String.join(", ", outside)));
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return new UserAccount(
        username,
        input.displayName().trim(),
        blankToNull(input.email()),
        blankToNull(input.mobile()),
        blankToNull(input.dingtalkUserId()),
        groups,
        managed,
        input.enabled() == null || input.enabled());
  }

  /** What the audit keeps of a user: no password, and no contact data (personal data). */
  private static Map<String, Object> describe(UserAccount user) {
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("groups", user.groups().stream().sorted().toList());
    details.put("managedGroups", user.managedGroups().stream().sorted().toList());
    details.put("enabled", user.enabled());
    return details;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  // groups

  public List<GroupInfo> groups() {
    return directory.groups();
  }

  public GroupInfo group(String name) {
    return directory.group(name).orElseThrow(() -> ApiProblem.notFound("No group '" + name + "'."));
  }

  @Transactional
  public GroupInfo createGroup(String name, String displayName, CurrentUser admin) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (name == null || !GROUP_NAME.matcher(name).matches()) {
      errors.add(
          new ApiProblem.FieldError(
              "name",
              "is required: 1-100 lower-case letters, digits, '.', '_' or '-' (it is the BPMN candidate group)"));
    } else if (directory.groupExists(name)) {
      errors.add(new ApiProblem.FieldError("name", "is taken"));
    }
    checkDisplayName(displayName, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    directory.createGroup(name, displayName.trim());
    audit.record(
        AuditEvent.of(admin.username(), AuditActions.GROUP_CREATE, "group", name)
            .withDetail("displayName", displayName.trim()));
    return group(name);
  }

  @Transactional
  public GroupInfo updateGroup(String name, String newName, String displayName, CurrentUser admin) {
    group(name);
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    if (newName != null && !newName.equals(name)) {
      errors.add(
          new ApiProblem.FieldError("name", "cannot be changed (process models refer to it)"));
    }
    checkDisplayName(displayName, errors);
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    directory.updateGroup(name, displayName.trim());
    audit.record(
        AuditEvent.of(admin.username(), AuditActions.GROUP_UPDATE, "group", name)
            .withDetail("displayName", displayName.trim()));
    return group(name);
  }

  @Transactional
  public void deleteGroup(String name, CurrentUser admin) {
    group(name);
    if (Groups.ROLES.containsKey(name)) {
      throw ApiProblem.conflict("'" + name + "' carries a role and cannot be deleted.");
    }
    directory.deleteGroup(name);
    audit.record(AuditEvent.of(admin.username(), AuditActions.GROUP_DELETE, "group", name));
  }

  private static void checkDisplayName(String displayName, List<ApiProblem.FieldError> errors) {
    if (displayName == null || displayName.isBlank()) {
      errors.add(new ApiProblem.FieldError("displayName", "is required"));
    } else if (displayName.length() > 200) {
      errors.add(new ApiProblem.FieldError("displayName", "must have at most 200 characters"));
    }
  }
}
