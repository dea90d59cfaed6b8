package life.suoke.ops.engine.projection;

import java.util.List;
import java.util.Map;

/**
 * A page of rows (alias to value: Long, Integer, String, Boolean, OffsetDateTime, List of String)
 * and the number of all matches: exact up to {@link SearchStore#TOTAL_LIMIT}; past it {@code total}
 * is that limit and {@code more} is true (a Camunda cluster's {@code page.hasMoreTotalItems}).
 */
public record SearchResult(List<Map<String, Object>> rows, long total, boolean more) {}
