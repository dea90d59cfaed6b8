package life.suoke.ops.backend.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.api.ApiProblem;

/**
 * The filters of an audit search or export, checked: every bad parameter is named in one 400
 * problem. {@code page} counts from 0; results are newest first.
 */
public record AuditQuery(
    String actor,
    String action,
    Instant from,
    Instant to,
    Long processInstanceKey,
    String businessKey,
    Long taskKey,
    String q,
    int page,
    int size) {

  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 500;

  /**
   * Search cannot page beyond this many hits (the index's result window); the export has no limit.
   */
  public static final int MAX_WINDOW = 10_000;

  /** Parses the raw request parameters; throws a 400 problem naming each bad one. */
  public static AuditQuery parse(
      String actor,
      String action,
      String from,
      String to,
      String processInstanceKey,
      String businessKey,
      String taskKey,
      String q,
      String page,
      String size) {
    List<ApiProblem.FieldError> errors = new ArrayList<>();
    Instant fromInstant = instant("from", from, errors);
    Instant toInstant = instant("to", to, errors);
    if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
      errors.add(new ApiProblem.FieldError("to", "must not be before from"));
    }
    Long pik = key("processInstanceKey", processInstanceKey, errors);
    Long task = key("taskKey", taskKey, errors);
    int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE, errors);
    int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, errors);
    if (errors.isEmpty() && (long) (pageNumber + 1) * pageSize > MAX_WINDOW) {
      errors.add(
          new ApiProblem.FieldError(
              "page",
              "search pages reach only the first "
                  + MAX_WINDOW
                  + " results: narrow the filters or use the export"));
    }
    for (String[] text :
        new String[][] {
          {"actor", actor}, {"action", action}, {"businessKey", businessKey}, {"q", q}
        }) {
      if (text[1] != null && text[1].length() > 500) {
        errors.add(new ApiProblem.FieldError(text[0], "must be at most 500 characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw ApiProblem.badRequest(errors);
    }
    return new AuditQuery(
        blankToNull(actor),
        blankToNull(action),
        fromInstant,
        toInstant,
        pik,
        blankToNull(businessKey),
        task,
        blankToNull(q),
        pageNumber,
        pageSize);
  }

  /** The filters that were given, for the audit row of the search or export itself. */
  public Map<String, Object> filters() {
    Map<String, Object> filters = new LinkedHashMap<>();
    put(filters, "actor", actor);
    put(filters, "action", action);
    put(filters, "from", from == null ? null : from.toString());
    put(filters, "to", to == null ? null : to.toString());
    put(filters, "processInstanceKey", processInstanceKey);
    put(filters, "businessKey", businessKey);
    put(filters, "taskKey", taskKey);
    put(filters, "q", q);
    return filters;
  }

  private static void put(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static Instant instant(String field, String value, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.add(
          new ApiProblem.FieldError(
              field, "must be an ISO-8601 instant such as 2026-01-31T08:00:00Z"));
      return null;
    }
  }

  private static Long key(String field, String value, List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long key = Long.parseLong(value.trim());
      if (key > 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new ApiProblem.FieldError(field, "must be a positive whole number"));
    return null;
  }

  private static int number(
      String field,
      String value,
      int fallback,
      int min,
      int max,
      List<ApiProblem.FieldError> errors) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(
        new ApiProblem.FieldError(
            field,
            "must be a whole number from "
                + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max)));
    return fallback;
  }
}
