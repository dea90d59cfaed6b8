package life.suoke.ops.engine.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps {@code process_instance.has_incident} true exactly while the instance has an active
 * incident: the process instances whose incidents a page created, resolved or migrated are
 * collected while the page is applied, and their flags are derived again from the incident table
 * after its rows are written, in the page's transaction. Applying a page again derives the same
 * flags.
 */
final class IncidentFlags {

  private final String schemaPrefix;
  private final Set<Long> touched = new LinkedHashSet<>();

  IncidentFlags(String schemaPrefix) {
    this.schemaPrefix = schemaPrefix;
  }

  void touched(Long processInstanceKey) {
    if (processInstanceKey != null && processInstanceKey > 0) {
      touched.add(processInstanceKey);
    }
  }

  /** Derives the touched instances' flags from their incidents as written; then forgets them. */
  void flush(Connection c) throws SQLException {
    if (touched.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + schemaPrefix
                + "process_instance p SET has_incident ="
                + " EXISTS (SELECT 1 FROM "
                + schemaPrefix
                + "incident i WHERE i.process_instance_key = p.process_instance_key"
                + " AND i.state = 'ACTIVE') WHERE p.process_instance_key = ANY(?)")) {
      ps.setArray(1, c.createArrayOf("bigint", touched.toArray()));
      ps.executeUpdate();
    } finally {
      touched.clear();
    }
  }

  void clear() {
    touched.clear();
  }
}
