package life.suoke.ops.backend.oncall;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The on-call records as the API reads and writes them. */
public final class OnCall {

  private OnCall() {}

  /**
   * A schedule of a team (its group).
   *
   * @param swapApproval swaps need a manager's approval after the counterpart accepted
   * @param reminderLeadMinutes how long before a shift its person is reminded (0 = no reminder)
   * @param layers lowest first
   */
  public record Schedule(
      long id,
      String name,
      String team,
      String description,
      String timeZone,
      boolean swapApproval,
      int reminderLeadMinutes,
      List<Layer> layers) {}

  /**
   * A layer: a rotation.
   *
   * @param turn {@code daily}, {@code weekly} or {@code custom}
   * @param turnHours the turn's length in hours (24 daily, 168 weekly)
   * @param handoffTime {@code HH:mm}, wall-clock time in {@code timeZone}
   * @param restrictions when it is on duty (always when empty)
   * @param businessCalendar on duty only in that business calendar's working hours (null: any time)
   */
  public record Layer(
      long id,
      int position,
      String name,
      List<String> members,
      String turn,
      int turnHours,
      String handoffTime,
      LocalDate startDate,
      String timeZone,
      List<RestrictionJson> restrictions,
      String businessCalendar,
      boolean skipOnLeave) {}

  /**
   * A restriction: {@code days} (MONDAY...; all when empty), from {@code start} to {@code end}
   * ({@code HH:mm}).
   */
  public record RestrictionJson(List<String> days, String start, String end) {}

  /**
   * A person on call over every layer for a range.
   *
   * @param kind {@code override} (set by a manager), {@code swap} (an accepted swap) or {@code
   *     take} (taken by the person)
   * @param replaces who was on call there when it was made (null in a gap)
   */
  public record Override(
      long id,
      long scheduleId,
      String user,
      Instant start,
      Instant end,
      String kind,
      String replaces,
      Long swapId,
      String note,
      String createdBy,
      Instant createdAt) {}

  /**
   * A swap request.
   *
   * @param status requested, accepted (waiting for a manager), approved (in force), declined,
   *     cancelled
   */
  public record Swap(
      long id,
      long scheduleId,
      String requester,
      String counterpart,
      Instant start,
      Instant end,
      Instant returnStart,
      Instant returnEnd,
      String status,
      String note,
      String decidedBy,
      Instant createdAt) {}

  /** A person away. */
  public record Leave(
      long id, String user, Instant start, Instant end, String note, String createdBy) {}

  // input

  /** A schedule as written; layers only when creating. */
  public record ScheduleInput(
      String name,
      String team,
      String description,
      String timeZone,
      Boolean swapApproval,
      Integer reminderLeadMinutes,
      List<LayerInput> layers) {}

  /** A layer as written; {@code position} appends it on top when null. */
  public record LayerInput(
      String name,
      List<String> members,
      String turn,
      Integer turnHours,
      String handoffTime,
      String startDate,
      String timeZone,
      List<RestrictionJson> restrictions,
      String businessCalendar,
      Boolean skipOnLeave,
      Integer position) {}

  /** An override as a manager writes it. */
  public record OverrideInput(String user, String start, String end, String note) {}

  /** A range the caller takes for themselves. */
  public record TakeInput(String start, String end, String note) {}

  /** A swap as the requester writes it. */
  public record SwapInput(
      String counterpart,
      String start,
      String end,
      String returnStart,
      String returnEnd,
      String note) {}

  /** A leave. */
  public record LeaveInput(String user, String start, String end, String note) {}
}
