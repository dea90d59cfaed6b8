package life.suoke.ops.backend.identity;

import java.util.List;

/** A group with its members and managers (user names, sorted). */
public record GroupInfo(
    String name, String displayName, List<String> members, List<String> managers) {

  public GroupInfo {
    members = List.copyOf(members);
    managers = List.copyOf(managers);
  }
}
