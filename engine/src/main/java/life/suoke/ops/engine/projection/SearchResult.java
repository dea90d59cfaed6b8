package life.suoke.ops.engine.projection;

import java.util.List;
import java.util.Map;

/** A page of rows (alias to value: Long, Integer, String, Boolean, OffsetDateTime, List of String) and the total. */
public record SearchResult(List<Map<String, Object>> rows, long total) {}
