package life.suoke.ops.backend.incident;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of an incident's timeline.
 *
 * @param at ISO 8601 instant
 * @param actor a user name, {@code system}, or the alert integration
 * @param action the audit action ({@code incident.*}, or {@code task.*} for the work on its
 *     process's tasks)
 * @param summary a sentence in English, with the note or reason text where there is one
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineEntry(String at, String actor, String action, String summary) {}
