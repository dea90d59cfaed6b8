package life.suoke.ops.workers.adapters.dingtalk;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Several waiting messages as one Markdown message: each under its own heading, and every mention
 * of every message both in {@code at} and written into the text, so nobody's mention is lost.
 */
final class DingTalkDigest {

  private static final String SEPARATOR = "\n\n---\n\n";

  private DingTalkDigest() {}

  static DingTalkMessage of(List<DingTalkMessage> messages) {
    if (messages.size() == 1) {
      return messages.get(0);
    }
    DingTalkMessage.At at = DingTalkMessage.At.NOBODY;
    StringBuilder text =
        new StringBuilder()
            .append("#### ")
            .append(messages.size())
            .append(" 条通知（合并发送） / ")
            .append(messages.size())
            .append(" notifications sent together");
    for (DingTalkMessage message : messages) {
      text.append(SEPARATOR).append(section(message));
      at = at.and(message.at());
    }
    if (!at.isEmpty()) {
      text.append("\n\n").append(at.inText());
    }
    String title = messages.size() + " 条通知 / " + messages.size() + " notifications";
    return new DingTalkMessage.Markdown(title, text.toString(), at);
  }

  /** About how many bytes the message adds to a digest. */
  static int sizeOf(DingTalkMessage message) {
    return section(message).getBytes(StandardCharsets.UTF_8).length
        + SEPARATOR.length()
        + message.at().inText().length()
        + 1;
  }

  private static String section(DingTalkMessage message) {
    return "##### " + message.title() + "\n\n" + message.digestText();
  }
}
