package life.suoke.ops.backend.knowledge;

import java.util.List;

/**
 * A document as a writer sends it. {@code baseVersion} (on change) is the version the writer
 * edited: a change on top of a newer version is refused, so nobody overwrites another's edit.
 */
public record DocumentInput(
    String type,
    String title,
    String body,
    List<String> services,
    List<String> tags,
    String changeNote,
    Integer baseVersion) {}
