package life.suoke.ops.workers.notification;

import java.util.regex.Pattern;

/**
 * Phone numbers as the gateways (international, {@code +8613800138000}) and DingTalk ({@code
 * 13800138000}) want them.
 */
final class Mobiles {

  private static final Pattern INTERNATIONAL = Pattern.compile("\\+[1-9]\\d{6,14}");
  private static final Pattern MAINLAND = Pattern.compile("1\\d{10}");

  private Mobiles() {}

  /** The number in international form, or null when it is missing or cannot be read. */
  static String international(String mobile) {
    if (mobile == null) {
      return null;
    }
    String n = mobile.replaceAll("[\\s\\-().]", "");
    if (n.startsWith("00")) {
      n = "+" + n.substring(2);
    } else if (MAINLAND.matcher(n).matches()) {
      n = "+86" + n;
    } else if (n.startsWith("86") && MAINLAND.matcher(n.substring(2)).matches()) {
      n = "+" + n;
    }
    return INTERNATIONAL.matcher(n).matches() ? n : null;
  }

  /**
   * The number as DingTalk mentions it: mainland numbers without {@code +86}; null when unreadable.
   */
  static String dingtalk(String mobile) {
    String n = international(mobile);
    if (n == null) {
      return null;
    }
    return n.startsWith("+86") && MAINLAND.matcher(n.substring(3)).matches() ? n.substring(3) : n;
  }
}
