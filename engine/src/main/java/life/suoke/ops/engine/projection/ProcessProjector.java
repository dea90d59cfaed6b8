package life.suoke.ops.engine.projection;

import static life.suoke.ops.engine.projection.Fields.key;
import static life.suoke.ops.engine.projection.Fields.text;
import static life.suoke.ops.engine.projection.Fields.time;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.intent.ProcessInstanceIntent;
import life.suoke.ops.engine.record.intent.ProcessIntent;
import life.suoke.ops.engine.record.value.ProcessInstanceValue;
import life.suoke.ops.engine.record.value.ProcessValue;

/**
 * Process definitions (from PROCESS events), process instances and element instances (from
 * PROCESS_INSTANCE events). The process instance is its own row in process_instance and not an
 * element instance, as in Camunda's searches; sequence flows are no element instances either. A
 * deleted definition's row goes, so that the definition search lists what can be started and its
 * latest version is the engine's; the rows of its finished instances stay.
 */
final class ProcessProjector {

  private final Tables tables;
  private final DefinitionNames definitions;

  ProcessProjector(Tables tables, DefinitionNames definitions) {
    this.tables = tables;
    this.definitions = definitions;
  }

  void definition(Record r) {
    ProcessValue v = ProcessValue.of(r);
    if (r.intent() == ProcessIntent.DELETED) {
      long key = v.processDefinitionKey();
      tables.processDefinitions.delete(key);
      definitions.remove(key);
      return;
    }
    if (r.intent() != ProcessIntent.CREATED) {
      return;
    }
    String resource = v.resource();
    byte[] xml = resource.isEmpty() ? new byte[0] : Base64.getDecoder().decode(resource);
    String bpmnProcessId = v.bpmnProcessId();
    DefinitionNames.Definition definition =
        definitions.put(r.key(), bpmnProcessId, v.versionTag(), xml);
    tables.processDefinitions.put(
        r.key(),
        bpmnProcessId,
        definition.processName(),
        v.version(),
        text(v.versionTag()),
        text(v.resourceName()),
        text(v.tenantId()),
        key(v.deploymentKey()),
        new String(xml, StandardCharsets.UTF_8));
  }

  void element(Record r, Connection c) throws SQLException {
    ProcessInstanceValue v = ProcessInstanceValue.of(r);
    String type = v.bpmnElementType();
    if ("SEQUENCE_FLOW".equals(type) || r.intent() == ProcessInstanceIntent.SEQUENCE_FLOW_TAKEN) {
      return;
    }
    String state =
        switch ((ProcessInstanceIntent) r.intent()) {
          case ELEMENT_COMPLETED -> "COMPLETED";
          case ELEMENT_TERMINATED -> "TERMINATED";
          default -> "ACTIVE";
        };
    boolean activating = r.intent() == ProcessInstanceIntent.ELEMENT_ACTIVATING;
    var start = activating ? time(r.timestamp()) : null;
    var end = "ACTIVE".equals(state) ? null : time(r.timestamp());
    long definitionKey = v.processDefinitionKey();
    DefinitionNames.Definition definition = definitions.get(c, definitionKey);
    if ("PROCESS".equals(type)) {
      TableWriter.Put put =
          activating ? tables.processInstances::putNew : tables.processInstances::put;
      put.row(
          r.key(),
          definitionKey,
          text(v.bpmnProcessId()),
          definition.processName(),
          v.version(),
          definition.versionTag(),
          text(v.tenantId()),
          state,
          start,
          end,
          key(v.parentProcessInstanceKey()),
          key(v.parentElementInstanceKey()));
      return;
    }
    String elementId = v.elementId();
    TableWriter.Put put =
        activating ? tables.elementInstances::putNew : tables.elementInstances::put;
    put.row(
        r.key(),
        key(v.processInstanceKey()),
        definitionKey,
        text(v.bpmnProcessId()),
        elementId,
        definition.names().name(elementId),
        type,
        state,
        key(v.flowScopeKey()),
        start,
        end,
        text(v.tenantId()));
  }
}
