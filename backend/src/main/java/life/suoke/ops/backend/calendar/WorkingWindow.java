package life.suoke.ops.backend.calendar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One stretch of working hours in a day, in local wall-clock minutes after midnight: {@code start}
 * inclusive, {@code end} exclusive, {@code 0 <= start < end <= 1440} (an end of {@code 24:00} is
 * midnight at the end of the day). Written as {@code HH:mm}.
 */
public record WorkingWindow(int startMinute, int endMinute) {

  /** Minutes in a day; the latest end. */
  public static final int DAY = 24 * 60;

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");

  public WorkingWindow {
    if (startMinute < 0 || endMinute > DAY || startMinute >= endMinute) {
      throw new IllegalArgumentException("not a working window: " + startMinute + "-" + endMinute);
    }
  }

  /**
   * {@code HH:mm} as minutes after midnight ({@code 24:00} = 1440), or -1 when it is not such a
   * time.
   */
  public static int parseMinute(String text) {
    if (text == null) {
      return -1;
    }
    Matcher matcher = TIME.matcher(text.trim());
    if (!matcher.matches()) {
      return -1;
    }
    int minute = Integer.parseInt(matcher.group(1)) * 60 + Integer.parseInt(matcher.group(2));
    return minute > DAY ? -1 : minute;
  }

  public static String format(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }

  public String start() {
    return format(startMinute);
  }

  public String end() {
    return format(endMinute);
  }

  public int minutes() {
    return endMinute - startMinute;
  }

  @Override
  public String toString() {
    return start() + "-" + end();
  }
}
