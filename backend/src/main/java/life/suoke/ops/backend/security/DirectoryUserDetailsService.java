package life.suoke.ops.backend.security;

import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUser;
import life.suoke.ops.backend.identity.Groups;
import life.suoke.ops.backend.identity.UserDirectory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Form and Basic sign-in against the user directory in PostgreSQL. */
@Service
class DirectoryUserDetailsService implements UserDetailsService {

  private final UserDirectory directory;

  DirectoryUserDetailsService(UserDirectory directory) {
    this.directory = directory;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    UserDirectory.Credentials credentials =
        directory
            .credentials(username)
            .filter(c -> c.passwordHash() != null)
            .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    return User.withUsername(credentials.username())
        .password(credentials.passwordHash())
        .disabled(!credentials.enabled())
        .authorities(authorities(credentials.groups()))
        .build();
  }

  /** {@code GROUP_<name>} for each group, and the role of each group that carries one. */
  static List<GrantedAuthority> authorities(Iterable<String> groups) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String group : groups) {
      authorities.add(new SimpleGrantedAuthority(CurrentUser.GROUP_AUTHORITY_PREFIX + group));
      String role = Groups.ROLES.get(group);
      if (role != null) {
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
      }
    }
    return authorities;
  }
}
