package life.suoke.ops.backend.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns a validated OIDC access token into a user of this application: the user name from the claim
 * {@code suoke.security.oidc.username-claim} (default {@code preferred_username}, else the
 * subject), the groups from {@code suoke.security.oidc.groups-claim} (default {@code groups}: a
 * list of names, or one space- or comma-separated string), with the same authorities as a user of
 * the directory.
 */
@Component
public class OidcGroupsConverter implements Converter<Jwt, AbstractAuthenticationToken> {

  private final String usernameClaim;
  private final String groupsClaim;

  OidcGroupsConverter(
      @Value("${suoke.security.oidc.username-claim:preferred_username}") String usernameClaim,
      @Value("${suoke.security.oidc.groups-claim:groups}") String groupsClaim) {
    this.usernameClaim = usernameClaim;
    this.groupsClaim = groupsClaim;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String username = jwt.getClaimAsString(usernameClaim);
    if (username == null || username.isBlank()) {
      username = jwt.getSubject();
    }
    return new JwtAuthenticationToken(
        jwt, DirectoryUserDetailsService.authorities(groups(jwt)), username);
  }

  private List<String> groups(Jwt jwt) {
    Object claim = jwt.getClaims().get(groupsClaim);
    List<String> groups = new ArrayList<>();
    if (claim instanceof Collection<?> values) {
      values.forEach(v -> groups.add(String.valueOf(v)));
    } else if (claim instanceof String text) {
      for (String part : text.split("[,\\s]+")) {
        if (!part.isBlank()) {
          groups.add(part);
        }
      }
    }
    return groups;
  }
}
