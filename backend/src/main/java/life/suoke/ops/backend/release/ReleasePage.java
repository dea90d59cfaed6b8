package life.suoke.ops.backend.release;

import java.util.List;

/** One page of releases, newest first. */
public record ReleasePage(List<ReleaseSummary> items, long total, int page, int size) {}
