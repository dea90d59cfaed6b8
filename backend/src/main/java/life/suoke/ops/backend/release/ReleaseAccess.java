package life.suoke.ops.backend.release;

/**
 * Who may do what with releases (checked by {@code @PreAuthorize} on the controller): release
 * managers and administrators request and act; auditors and operators read; a CI system requests as
 * a user of {@link #CI} (HTTP Basic or an OIDC bearer token).
 */
public final class ReleaseAccess {

  public static final String MANAGERS = "release-managers";
  public static final String CI = "release-ci";

  public static final String READ =
      "hasAnyAuthority('GROUP_release-managers', 'GROUP_release-ci', 'GROUP_admins',"
          + " 'GROUP_auditors', 'GROUP_operators')";
  public static final String REQUEST =
      "hasAnyAuthority('GROUP_release-managers', 'GROUP_release-ci', 'GROUP_admins')";
  public static final String ACT = "hasAnyAuthority('GROUP_release-managers', 'GROUP_admins')";

  private ReleaseAccess() {}
}
