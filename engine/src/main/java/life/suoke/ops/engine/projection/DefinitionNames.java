package life.suoke.ops.engine.projection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Names per process definition, for the exporter: filled when a definition's record passes, and
 * after a restart loaded from the projected definition's XML on first use.
 */
final class DefinitionNames {

  /** What a definition contributes to the rows of its instances. */
  record Definition(String processName, String versionTag, BpmnNames names) {}

  private static final Definition UNKNOWN = new Definition(null, null, BpmnNames.NONE);

  private final Map<Long, Definition> definitions = new HashMap<>();
  private final String table;

  DefinitionNames(String schema) {
    this.table = '"' + schema + "\".process_definition";
  }

  Definition put(long processDefinitionKey, String bpmnProcessId, String versionTag, byte[] xml) {
    BpmnNames names = BpmnNames.parse(xml);
    Definition definition =
        new Definition(names.name(bpmnProcessId), emptyToNull(versionTag), names);
    definitions.put(processDefinitionKey, definition);
    return definition;
  }

  /** A deleted definition: no instance of it is left to name. */
  void remove(long processDefinitionKey) {
    definitions.remove(processDefinitionKey);
  }

  Definition get(Connection c, long processDefinitionKey) throws SQLException {
    Definition known = definitions.get(processDefinitionKey);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT bpmn_process_id, version_tag, bpmn_xml FROM "
                + table
                + " WHERE process_definition_key = ?")) {
      ps.setLong(1, processDefinitionKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return UNKNOWN;
        }
        String xml = rs.getString(3);
        put(
            processDefinitionKey,
            rs.getString(1),
            rs.getString(2),
            xml == null ? null : xml.getBytes(StandardCharsets.UTF_8));
      }
    }
    return definitions.get(processDefinitionKey);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
