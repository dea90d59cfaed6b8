package life.suoke.ops.backend.identity;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, as every controller and service sees it: the user name and the groups, whichever
 * way the caller signed in (form, HTTP Basic, OIDC bearer token). Controllers take it as a method
 * parameter; {@link CurrentUserArgumentResolver} builds it from the security context.
 *
 * <p>Groups are Spring Security authorities {@code GROUP_<name>}; the groups that carry a role
 * everywhere add a {@code ROLE_*} authority too (see {@link Groups}).
 */
public record CurrentUser(String username, Set<String> groups) {

  public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

  public CurrentUser {
    groups = Set.copyOf(groups);
  }

  public static CurrentUser of(Authentication authentication) {
    return new CurrentUser(authentication.getName(), groupsOf(authentication.getAuthorities()));
  }

  public static Set<String> groupsOf(Collection<? extends GrantedAuthority> authorities) {
    Set<String> groups = new TreeSet<>();
    for (GrantedAuthority authority : authorities) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(GROUP_AUTHORITY_PREFIX)) {
        groups.add(name.substring(GROUP_AUTHORITY_PREFIX.length()));
      }
    }
    return groups;
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  public boolean inAnyGroup(Collection<String> candidates) {
    if (candidates == null) {
      return false;
    }
    for (String candidate : candidates) {
      if (groups.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** Administrators manage users and groups. */
  public boolean isAdmin() {
    return inGroup(Groups.ADMINS);
  }

  /** Auditors read everything and change nothing. */
  public boolean isAuditor() {
    return inGroup(Groups.AUDITORS);
  }

  public boolean isProcessDesigner() {
    return inGroup(Groups.PROCESS_DESIGNERS);
  }

  public boolean isOperator() {
    return inGroup(Groups.OPERATORS);
  }
}
