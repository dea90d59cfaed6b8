package life.suoke.ops.backend.incident;

import java.util.List;

/**
 * The incident's process for the diagram viewer: the deployed BPMN of its instance's version, the
 * elements active now and those completed so far.
 */
public record IncidentDiagram(
    String bpmnXml, List<String> activeElementIds, List<String> completedElementIds) {}
