package life.suoke.ops.workers.adapters.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import life.suoke.ops.workers.adapters.dingtalk.FakeDingTalkRobot.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The robot's rate limit: never more than the limit in any minute (the local robot counts by the
 * signed timestamps and refuses beyond 20), and nothing dropped: what waits goes out as one digest.
 * Time is the test's clock.
 */
class DingTalkOutboxTest {

  private final FakeDingTalkRobot robot = new FakeDingTalkRobot();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final List<DingTalkOutbox> outboxes = new ArrayList<>();

  DingTalkOutboxTest() throws IOException {}

  @AfterEach
  void stop() {
    outboxes.forEach(DingTalkOutbox::close);
    robot.close();
  }

  private DingTalkOutbox outbox(int perMinute) {
    DingTalkOutbox outbox =
        new DingTalkOutbox(
            new DingTalkClient(robot.webhook(), robot.secret(), Duration.ofSeconds(2), clock),
            clock,
            perMinute);
    outboxes.add(outbox);
    return outbox;
  }

  private static DingTalkMessage.Markdown page(int i) {
    String mobile = "1380013" + String.format("%04d", i);
    return new DingTalkMessage.Markdown(
        "page " + i,
        "#### page " + i + "\n\n@" + mobile + " @user" + i,
        new DingTalkMessage.At(List.of(mobile), List.of("user" + i), false));
  }

  @Test
  void twentyGoOutAtOnceAndTheRestWaitsForOneDigestWithEveryMention() throws Exception {
    DingTalkOutbox outbox = outbox(20);
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sent.add(outbox.submit(page(i)));
    }

    assertThat(robot.messages()).hasSize(20);
    assertThat(outbox.pending()).isEqualTo(5);
    assertThat(sent.subList(20, 25)).noneMatch(CompletableFuture::isDone);

    clock.advance(Duration.ofSeconds(30));
    assertThat(outbox.flushDue()).isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(outbox.flushDue()).as("a send exactly a minute ago still counts").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(outbox.flushDue()).isTrue();

    assertThat(robot.rejections()).isEmpty();
    assertThat(robot.messages()).hasSize(21);
    JsonNode digest = robot.messages().get(20);
    assertThat(digest.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(digest.path("markdown").path("title").asText()).contains("5");
    String text = digest.path("markdown").path("text").asText();
    assertThat(text).containsSubsequence("page 20", "page 21", "page 22", "page 23", "page 24");
    List<String> mobiles = new ArrayList<>();
    digest.path("at").path("atMobiles").forEach(m -> mobiles.add(m.asText()));
    assertThat(mobiles)
        .containsExactly("13800130020", "13800130021", "13800130022", "13800130023", "13800130024");
    List<String> users = new ArrayList<>();
    digest.path("at").path("atUserIds").forEach(u -> users.add(u.asText()));
    assertThat(users).containsExactly("user20", "user21", "user22", "user23", "user24");
    for (CompletableFuture<Void> f : sent) {
      f.get(1, TimeUnit.SECONDS);
    }
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void neverMoreThanTheLimitInAnyMinuteAndNothingIsLost() {
    DingTalkOutbox outbox = outbox(20);
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    // a storm: two messages a second for three minutes, the ticker's work done by hand each second
    for (int second = 0; second < 180; second++) {
      for (int j = 0; j < 2; j++) {
        sent.add(outbox.submit(page(second * 2 + j)));
      }
      outbox.flushDue();
      clock.advance(Duration.ofSeconds(1));
    }
    for (int second = 0; second < 120 && outbox.pending() > 0; second++) {
      outbox.flushDue();
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(robot.rejections()).isEmpty();
    List<Long> times = robot.timestamps();
    for (long t : times) {
      assertThat(times.stream().filter(u -> u >= t && u <= t + 60_000).count())
          .isLessThanOrEqualTo(20);
    }
    assertThat(sent).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    String all = String.join("\n", robot.messages().stream().map(JsonNode::toString).toList());
    for (int i = 0; i < 360; i++) {
      assertThat(all).contains("page " + i + "\\n");
    }
  }

  @Test
  void aSingleWaitingMessageGoesOutAsItself() throws Exception {
    DingTalkOutbox outbox = outbox(1);
    outbox.submit(page(1));
    CompletableFuture<Void> waiting = outbox.submit(page(2));

    clock.advance(Duration.ofSeconds(61));
    assertThat(outbox.flushDue()).isTrue();

    waiting.get(1, TimeUnit.SECONDS);
    assertThat(robot.messages()).hasSize(2);
    assertThat(robot.messages().get(1).path("markdown").path("title").asText()).isEqualTo("page 2");
    assertThat(robot.messages().get(1).path("markdown").path("text").asText())
        .isEqualTo("#### page 2\n\n@13800130002 @user2");
  }

  @Test
  void aNewMessageDoesNotOvertakeOneThatWaits() throws Exception {
    DingTalkOutbox outbox = outbox(1);
    outbox.submit(page(1));
    CompletableFuture<Void> waiting = outbox.submit(page(2));
    clock.advance(Duration.ofSeconds(61));

    // the window has room again, but page 2 waits: page 3 queues behind it
    CompletableFuture<Void> later = outbox.submit(page(3));
    assertThat(later).isNotDone();
    assertThat(robot.messages()).hasSize(1);
    assertThat(outbox.flushDue()).isTrue();

    waiting.get(1, TimeUnit.SECONDS);
    later.get(1, TimeUnit.SECONDS);
    assertThat(robot.messages()).hasSize(2);
    assertThat(robot.messages().get(1).path("markdown").path("text").asText())
        .containsSubsequence("page 2", "page 3");
  }

  @Test
  void aDigestTheRobotRejectsFailsEveryWaitingMessage() {
    DingTalkOutbox outbox = outbox(1);
    outbox.submit(page(0));
    List<CompletableFuture<Void>> waiting = List.of(outbox.submit(page(1)), outbox.submit(page(2)));
    robot.failNext(Failure.ERRCODE_310000, 1);

    clock.advance(Duration.ofSeconds(61));
    outbox.flushDue();

    assertThat(waiting)
        .allSatisfy(
            f -> {
              ExecutionException e =
                  catchThrowableOfType(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
              assertThat(e.getCause()).isInstanceOf(DingTalkException.class);
              assertThat(((DingTalkException) e.getCause()).errcode()).isEqualTo(310000);
            });
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void aSenderThatWaitsLongerThanItsLimitIsWithdrawnAndNotSentLater() {
    DingTalkOutbox outbox = outbox(1);
    outbox.send(page(0), Duration.ofSeconds(1));

    DingTalkException e =
        catchThrowableOfType(
            DingTalkException.class, () -> outbox.send(page(1), Duration.ofMillis(100)));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("rate limited");
    clock.advance(Duration.ofMinutes(2));
    assertThat(outbox.flushDue()).isFalse();
    assertThat(robot.messages()).hasSize(1);
  }

  @Test
  void aDigestLargerThanOneMessageHoldsIsSplit() {
    DingTalkOutbox outbox = outbox(1);
    outbox.submit(page(0));
    String big = "x".repeat(DingTalkOutbox.MAX_DIGEST_BYTES / 3);
    for (int i = 1; i <= 4; i++) {
      outbox.submit(new DingTalkMessage.Markdown("big " + i, big, DingTalkMessage.At.NOBODY));
    }

    clock.advance(Duration.ofSeconds(61));
    outbox.flushDue();
    clock.advance(Duration.ofSeconds(61));
    outbox.flushDue();

    assertThat(robot.messages()).hasSize(3);
    assertThat(robot.messages().get(1).path("markdown").path("text").asText())
        .contains("big 1", "big 2")
        .doesNotContain("big 4");
    assertThat(robot.messages().get(2).path("markdown").path("text").asText()).contains("big 4");
    assertThat(outbox.pending()).isZero();
  }

  @Test
  void theTickerSendsTheDigestWhenTheWindowOpens() throws Exception {
    DingTalkOutbox outbox = outbox(1).startTicker(Duration.ofMillis(10));
    outbox.submit(page(0));
    CompletableFuture<Void> waiting = outbox.submit(page(1));
    Thread.sleep(100);
    assertThat(waiting).isNotDone();

    clock.advance(Duration.ofSeconds(61));

    waiting.get(5, TimeUnit.SECONDS);
    assertThat(robot.messages()).hasSize(2);
  }

  @Test
  void closingFailsWhatWaitsSoThatItsSendersUseAnotherChannel() {
    DingTalkOutbox outbox = outbox(1);
    outbox.submit(page(0));
    CompletableFuture<Void> waiting = outbox.submit(page(1));

    outbox.close();

    ExecutionException e =
        catchThrowableOfType(ExecutionException.class, () -> waiting.get(1, TimeUnit.SECONDS));
    assertThat(((DingTalkException) e.getCause()).retryable()).isFalse();
  }
}
