package life.suoke.ops.backend.incident;

import java.util.List;

/**
 * A page of incidents, newest first: the items, how many match in all, the page (from 0) and its
 * size.
 */
public record IncidentPage(List<IncidentSummary> items, long total, int page, int size) {}
