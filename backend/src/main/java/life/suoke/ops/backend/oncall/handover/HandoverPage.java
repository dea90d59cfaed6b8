package life.suoke.ops.backend.oncall.handover;

import java.util.List;

/** A page of handover records (without snapshot and texts), newest shift first. */
public record HandoverPage(List<HandoverRecord> items, long total, int page, int size) {}
