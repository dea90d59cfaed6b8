package life.suoke.ops.workers.adapters.dingtalk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message of a DingTalk custom robot, in one of its four types. Each knows its JSON payload and
 * how it reads inside a digest (see {@link DingTalkOutbox}).
 */
public sealed interface DingTalkMessage {

  /** The payload posted to the webhook. */
  Map<String, Object> payload();

  /** A one-line title. */
  String title();

  /** The message as a Markdown section of a digest. */
  String digestText();

  /** Who is mentioned. */
  At at();

  /**
   * Mentions. In {@code text} and {@code markdown} messages DingTalk highlights a person only when
   * the text also names them as {@code @mobile} or {@code @userId}; {@link #inText()} writes that.
   */
  record At(List<String> atMobiles, List<String> atUserIds, boolean isAtAll) {

    public static final At NOBODY = new At(List.of(), List.of(), false);

    public At {
      atMobiles = List.copyOf(atMobiles);
      atUserIds = List.copyOf(atUserIds);
    }

    public boolean isEmpty() {
      return atMobiles.isEmpty() && atUserIds.isEmpty() && !isAtAll;
    }

    /** Every mention of both, each once, in order. */
    public At and(At other) {
      Set<String> mobiles = new LinkedHashSet<>(atMobiles);
      mobiles.addAll(other.atMobiles);
      Set<String> users = new LinkedHashSet<>(atUserIds);
      users.addAll(other.atUserIds);
      return new At(new ArrayList<>(mobiles), new ArrayList<>(users), isAtAll || other.isAtAll);
    }

    /** The mentions as DingTalk wants them written in the text: {@code @13800138000 @user01}. */
    public String inText() {
      List<String> names = new ArrayList<>();
      atMobiles.forEach(m -> names.add("@" + m));
      atUserIds.forEach(u -> names.add("@" + u));
      if (isAtAll) {
        names.add("@all");
      }
      return String.join(" ", names);
    }

    Map<String, Object> payload() {
      Map<String, Object> at = new LinkedHashMap<>();
      at.put("atMobiles", atMobiles);
      at.put("atUserIds", atUserIds);
      at.put("isAtAll", isAtAll);
      return at;
    }
  }

  /** Plain text. */
  record Text(String content, At at) implements DingTalkMessage {
    @Override
    public Map<String, Object> payload() {
      return withAt(Map.of("msgtype", "text", "text", Map.of("content", content)), at);
    }

    @Override
    public String title() {
      return content.lines().findFirst().orElse("");
    }

    @Override
    public String digestText() {
      return content;
    }
  }

  /** Markdown (DingTalk's subset); the title shows in the conversation list. */
  record Markdown(String title, String text, At at) implements DingTalkMessage {
    @Override
    public Map<String, Object> payload() {
      return withAt(
          Map.of("msgtype", "markdown", "markdown", Map.of("title", title, "text", text)), at);
    }

    @Override
    public String digestText() {
      return text;
    }
  }

  /** A link card. Link cards cannot mention anybody. */
  record Link(String title, String text, String messageUrl, String picUrl)
      implements DingTalkMessage {
    @Override
    public Map<String, Object> payload() {
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("title", title);
      link.put("text", text);
      link.put("messageUrl", messageUrl);
      link.put("picUrl", picUrl == null ? "" : picUrl);
      return Map.of("msgtype", "link", "link", link);
    }

    @Override
    public String digestText() {
      return "[" + title + "](" + messageUrl + ")\n\n" + text;
    }

    @Override
    public At at() {
      return At.NOBODY;
    }
  }

  /** An action card with one button. Action cards cannot mention anybody. */
  record ActionCard(String title, String text, String singleTitle, String singleUrl)
      implements DingTalkMessage {
    @Override
    public Map<String, Object> payload() {
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("title", title);
      card.put("text", text);
      card.put("singleTitle", singleTitle);
      card.put("singleURL", singleUrl);
      return Map.of("msgtype", "actionCard", "actionCard", card);
    }

    @Override
    public String digestText() {
      return text + "\n\n[" + singleTitle + "](" + singleUrl + ")";
    }

    @Override
    public At at() {
      return At.NOBODY;
    }
  }

  private static Map<String, Object> withAt(Map<String, Object> body, At at) {
    Map<String, Object> payload = new LinkedHashMap<>(body);
    payload.put("at", at.payload());
    return payload;
  }
}
