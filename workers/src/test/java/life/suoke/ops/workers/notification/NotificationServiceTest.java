package life.suoke.ops.workers.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkClient;
import life.suoke.ops.workers.adapters.dingtalk.DingTalkOutbox;
import life.suoke.ops.workers.adapters.dingtalk.FakeDingTalkRobot;
import life.suoke.ops.workers.adapters.dingtalk.MutableClock;
import life.suoke.ops.workers.adapters.mail.MailClient;
import life.suoke.ops.workers.adapters.sms.FakeMessageGateway;
import life.suoke.ops.workers.adapters.sms.SmsClient;
import life.suoke.ops.workers.adapters.voice.VoiceClient;
import life.suoke.ops.workers.notification.NotificationLedger.State;
import life.suoke.ops.workers.notification.Notifier.Notification;
import life.suoke.ops.workers.notification.Notifier.Recipient;
import life.suoke.ops.workers.notification.Notifier.Result;
import life.suoke.ops.workers.notification.Notifier.Urgency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The notifier end to end against local servers that check each contract: a DingTalk robot, an SMS
 * and a voice gateway, and an SMTP server; the ledger in memory.
 */
@ExtendWith(OutputCaptureExtension.class)
class NotificationServiceTest {

  /** Long enough for a loaded machine, well short of the servers' {@code SLOW}. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final Recipient ALICE =
      new Recipient("alice", "Alice", "138 0013 8000", "alice@suoke.example", "alice01");
  private static final String BODY = "**支付接口** 错误率 35%，影响下单";

  private final FakeDingTalkRobot robot = new FakeDingTalkRobot();
  private final FakeMessageGateway sms = new FakeMessageGateway("text");
  private final FakeMessageGateway voice = new FakeMessageGateway("message");
  private final GreenMail smtp =
      new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
  private final MutableClock clock = new MutableClock(Instant.now());
  private final InMemoryNotificationLedger ledger = new InMemoryNotificationLedger(clock);
  private final List<DingTalkOutbox> outboxes = new ArrayList<>();
  private final List<NotificationService> notifiers = new ArrayList<>();
  private DingTalkOutbox outbox;

  NotificationServiceTest() throws IOException {
    smtp.start();
  }

  @AfterEach
  void stop() {
    notifiers.forEach(NotificationService::close);
    outboxes.forEach(DingTalkOutbox::close);
    robot.close();
    sms.close();
    voice.close();
    smtp.stop();
  }

  private static NotificationService.Policy policy(Duration busyWait) {
    return new NotificationService.Policy(
        3, Duration.ofMillis(50), 2.0, Duration.ofMinutes(5), busyWait);
  }

  /** A notifier whose named channels point at the local servers; the others are not configured. */
  private NotificationService notifier(Set<String> configured) {
    return notifier(configured, 20, Duration.ofSeconds(5), policy(Duration.ofSeconds(5)));
  }

  private NotificationService notifier(
      Set<String> configured, int perMinute, Duration maxWait, NotificationService.Policy policy) {
    return notifier(configured, perMinute, maxWait, policy, NotificationService.TeamLane.DEFAULT);
  }

  private NotificationService notifier(
      Set<String> configured,
      int perMinute,
      Duration maxWait,
      NotificationService.Policy policy,
      NotificationService.TeamLane teamLane) {
    boolean dingtalk = configured.contains(NotificationChannel.DINGTALK);
    outbox =
        dingtalk
            ? new DingTalkOutbox(
                new DingTalkClient(robot.webhook(), robot.secret(), TIMEOUT, clock),
                clock,
                perMinute)
            : null;
    if (outbox != null) {
      outboxes.add(outbox);
    }
    NotificationService notifier =
        new NotificationService(ledger, channelsTo(configured, maxWait), policy, teamLane);
    notifiers.add(notifier);
    return notifier;
  }

  /** The four channels; those named point at the local servers, the others are not configured. */
  private List<NotificationChannel> channelsTo(Set<String> configured, Duration maxWait) {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(smtp.getSmtp().getPort());
    return List.of(
        new DingTalkChannel(outbox, maxWait),
        new SmsChannel(
            configured.contains(NotificationChannel.SMS)
                ? new SmsClient(sms.url(), sms.token(), TIMEOUT)
                : new SmsClient(null, null, TIMEOUT)),
        new VoiceChannel(
            configured.contains(NotificationChannel.VOICE)
                ? new VoiceClient(voice.url(), voice.token(), TIMEOUT)
                : new VoiceClient(null, null, TIMEOUT)),
        new EmailChannel(
            new MailClient(
                configured.contains(NotificationChannel.EMAIL) ? mail : null,
                "ops@suoke.example")));
  }

  private static Set<String> all() {
    return Set.of(
        NotificationChannel.DINGTALK,
        NotificationChannel.SMS,
        NotificationChannel.VOICE,
        NotificationChannel.EMAIL);
  }

  private static Notification page(String key, Recipient recipient) {
    return new Notification(
        key, recipient, Urgency.PAGE, "P0 支付接口不可用", BODY, "https://ops.example/incidents/INC-1");
  }

  /** Waits (up to 5 s) until the condition holds; fails otherwise. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 5 s in vain for " + what);
      }
      Thread.sleep(10);
    }
  }

  private State state(String key) {
    InMemoryNotificationLedger.Row row = ledger.row(key);
    return row == null ? null : row.state();
  }

  @Test
  void aPageGoesOutOnSmsAndOnDingTalkMentioningTheRecipient() throws Exception {
    Result result = notifier(all()).send(page("INC-1:page:1:alice", ALICE));

    assertThat(result.channel()).isIn("sms", "sms+dingtalk");
    assertThat(result.delivered()).isTrue();
    assertThat(result.duplicate()).isFalse();
    assertThat(result.attempts().get(0)).isEqualTo("sms: sent");
    assertThat(result.attempts().get(1)).isIn("dingtalk: under way", "dingtalk: sent");
    JsonNode text = sms.delivered().get(0);
    assertThat(text.path("to").asText()).isEqualTo("+8613800138000");
    assertThat(text.path("idempotencyKey").asText())
        .as("the gateway gets the notification's own key")
        .isEqualTo("INC-1:page:1:alice");
    await("the team lane", () -> state("INC-1:page:1:alice#team") == State.SENT);
    assertThat(robot.rejections()).isEmpty();
    JsonNode message = robot.messages().get(0);
    assertThat(message.path("markdown").path("title").asText()).isEqualTo("P0 支付接口不可用");
    assertThat(message.path("markdown").path("text").asText())
        .contains(BODY, "(https://ops.example/incidents/INC-1)", "@13800138000", "@alice01");
    assertThat(message.path("at").path("atMobiles").get(0).asText()).isEqualTo("13800138000");
    assertThat(message.path("at").path("atUserIds").get(0).asText()).isEqualTo("alice01");
    assertThat(ledger.row("INC-1:page:1:alice").state()).isEqualTo(State.SENT);
    assertThat(ledger.row("INC-1:page:1:alice").channel()).isEqualTo("sms");
    assertThat(ledger.row("INC-1:page:1:alice#team").channel()).isEqualTo("dingtalk");
    assertThat(voice.requests()).isZero();
  }

  @Test
  void aPersonsContactRulesMakeTheLaneAndTheirLaterStepsAreKeptForLater() throws Exception {
    List<String> kept = new ArrayList<>();
    ContactRules rules =
        user ->
            user.equals("alice")
                ? List.of(
                    new ContactRules.Step(NotificationChannel.EMAIL, Duration.ZERO),
                    new ContactRules.Step(NotificationChannel.VOICE, Duration.ofMinutes(5)))
                : List.of();
    FollowUps followUps =
        (pageToFollow, channel, dueAt) ->
            kept.add(
                pageToFollow.idempotencyKey()
                    + " "
                    + channel
                    + " in "
                    + Math.round(Duration.between(Instant.now(), dueAt).toSeconds() / 60.0)
                    + " min");
    NotificationService notifier =
        new NotificationService(
            ledger,
            channelsTo(all(), Duration.ofSeconds(5)),
            policy(Duration.ofSeconds(5)),
            NotificationService.TeamLane.DEFAULT,
            rules,
            followUps);
    notifiers.add(notifier);

    Result result = notifier.send(page("INC-1:page:1:alice", ALICE));
    assertThat(result.attempts().get(0))
        .as("alice's first step, not the default SMS")
        .isEqualTo("email: sent");
    assertThat(sms.delivered()).isEmpty();
    assertThat(voice.delivered()).as("the call waits for its delay").isEmpty();
    assertThat(kept).containsExactly("INC-1:page:1:alice voice in 5 min");
    await("alice's e-mail", () -> smtp.getReceivedMessages().length == 1);

    // the kept step, when due, goes out on its channel alone, under its own key, once
    Notification later =
        new Notification("INC-1:page:1:alice#voice", ALICE, Urgency.PAGE, "P0 支付接口不可用", BODY, null);
    assertThat(notifier.sendOn(NotificationChannel.VOICE, later).channel()).isEqualTo("voice");
    assertThat(notifier.sendOn(NotificationChannel.VOICE, later).duplicate()).isTrue();
    assertThat(voice.delivered()).hasSize(1);

    // bob has no rules: the default lane, SMS first
    Recipient bob = new Recipient("bob", "Bob", "139 0013 9000", null, "bob01");
    assertThat(notifier.send(page("INC-1:page:1:bob", bob)).attempts().get(0))
        .isEqualTo("sms: sent");
  }

  @Test
  void aTechnicalFailureIsTriedAgainWithGrowingWaitsUntilItPasses() {
    sms.failNext(FakeMessageGateway.Failure.HTTP_500, 2);
    NotificationService notifier =
        notifier(Set.of(NotificationChannel.SMS, NotificationChannel.VOICE));

    long start = System.nanoTime();
    Result result = notifier.send(page("INC-1:page:1:alice", ALICE));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.channel()).isEqualTo("sms");
    assertThat(result.attempts().get(0)).isEqualTo("sms: sent on try 3");
    assertThat(sms.requests()).isEqualTo(3);
    assertThat(sms.delivered()).hasSize(1);
    assertThat(elapsedMillis).as("waits of 50 ms and 100 ms").isGreaterThanOrEqualTo(150);
    assertThat(voice.requests()).isZero();
  }

  @Test
  void smsFailingFallsBackToVoiceAndDingTalkStillGetsIt() throws Exception {
    sms.failNext(FakeMessageGateway.Failure.SLOW, 1);
    sms.failNext(FakeMessageGateway.Failure.HTTP_500, 2);

    Result result = notifier(all()).send(page("INC-1:page:1:alice", ALICE));

    assertThat(result.channel()).isIn("voice", "voice+dingtalk");
    assertThat(result.attempts())
        .startsWith("sms: failed after 3 tries: SMS gateway: HTTP 500", "voice: sent");
    assertThat(sms.requests()).isEqualTo(3);
    JsonNode call = voice.delivered().get(0);
    assertThat(call.path("to").asText()).isEqualTo("+8613800138000");
    assertThat(call.path("message").asText()).isEqualTo("P0 支付接口不可用");
    assertThat(call.path("idempotencyKey").asText()).isEqualTo("INC-1:page:1:alice");
    assertThat(voice.rejections()).isEmpty();
    assertThat(ledger.row("INC-1:page:1:alice").channel()).isEqualTo("voice");
    await("the team lane", () -> state("INC-1:page:1:alice#team") == State.SENT);
    assertThat(robot.messages()).hasSize(1);
  }

  @Test
  void aPermanentFailureFallsBackAtOnce() {
    sms.failNext(FakeMessageGateway.Failure.HTTP_400, 1);

    Result result =
        notifier(Set.of(NotificationChannel.SMS, NotificationChannel.VOICE))
            .send(page("INC-1:page:1:alice", ALICE));

    assertThat(result.channel()).isEqualTo("voice");
    assertThat(result.attempts()).startsWith("sms: rejected: SMS gateway: HTTP 400", "voice: sent");
    assertThat(sms.requests()).isEqualTo(1);
  }

  @Test
  void dingTalkFailingDoesNotFailThePageAndARetrySendsOnlyDingTalk() throws Exception {
    robot.failNext(FakeDingTalkRobot.Failure.ERRCODE_310000, 1);
    NotificationService notifier = notifier(all());

    Result result = notifier.send(page("INC-1:page:1:alice", ALICE));
    await("the team lane", () -> state("INC-1:page:1:alice#team") == State.FAILED);
    Result retried = notifier.send(page("INC-1:page:1:alice", ALICE));
    await("the team lane of the retry", () -> state("INC-1:page:1:alice#team") == State.SENT);

    assertThat(result.channel()).isEqualTo("sms");
    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts()).first().isEqualTo("sms: sent");
    assertThat(retried.duplicate()).isTrue();
    assertThat(retried.delivered()).isTrue();
    assertThat(sms.requests()).as("the phone was reached the first time").isEqualTo(1);
    assertThat(robot.requests()).isEqualTo(2);
    assertThat(robot.messages()).hasSize(1);
    assertThat(ledger.row("INC-1:page:1:alice#team").attempts()).isEqualTo(2);
  }

  @Test
  void aSlowDingTalkDoesNotDelayTheSms() throws Exception {
    NotificationService notifier =
        notifier(all(), 1, Duration.ofSeconds(10), policy(Duration.ofSeconds(5)));
    notifier.send(page("INC-3:page:alice", ALICE));
    await("alice's DingTalk message", () -> robot.messages().size() == 1);
    Recipient bob = new Recipient("bob", "Bob", "+8613900000001", null, "bob01");

    long start = System.nanoTime();
    Result second = notifier.send(page("INC-3:page:bob", bob));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    // the robot's window is full: bob's DingTalk message waits in the outbox, his SMS did not
    assertThat(second.channel()).isEqualTo("sms");
    assertThat(second.attempts()).containsExactly("sms: sent", "dingtalk: under way");
    assertThat(elapsedMillis).isLessThan(5_000);
    assertThat(sms.delivered()).extracting(m -> m.path("to").asText()).contains("+8613900000001");
    await("bob's DingTalk message in the outbox", () -> outbox.pending() == 1);
    assertThat(robot.messages()).hasSize(1);
    assertThat(state("INC-3:page:bob#team")).isEqualTo(State.CLAIMED);

    clock.advance(Duration.ofSeconds(61));
    assertThat(outbox.flushDue()).isTrue();
    await("bob's team lane", () -> state("INC-3:page:bob#team") == State.SENT);
    assertThat(robot.messages().get(1).path("at").path("atUserIds").get(0).asText())
        .isEqualTo("bob01");
  }

  @Test
  void aTeamLaneThatWaitsTooLongForTheRobotIsWithdrawnAndARetrySendsIt() throws Exception {
    NotificationService notifier =
        notifier(all(), 1, Duration.ofMillis(200), policy(Duration.ofSeconds(5)));
    notifier.send(page("INC-3:page:alice", ALICE));
    await("alice's DingTalk message", () -> robot.messages().size() == 1);
    Recipient bob = new Recipient("bob", "Bob", "+8613900000001", null, null);

    Result second = notifier.send(page("INC-3:page:bob", bob));
    await("bob's team lane", () -> state("INC-3:page:bob#team") == State.FAILED);
    clock.advance(Duration.ofMinutes(2));
    assertThat(outbox.flushDue()).as("withdrawn, not sent later").isFalse();
    Result retried = notifier.send(page("INC-3:page:bob", bob));
    await("bob's team lane on the retry", () -> state("INC-3:page:bob#team") == State.SENT);

    assertThat(second.channel()).isEqualTo("sms");
    assertThat(retried.duplicate()).isTrue();
    assertThat(sms.requests()).isEqualTo(2);
    assertThat(robot.messages()).hasSize(2);
  }

  @Test
  void theSmsCarriesTitleLinkAndTheKeySoTheGatewayCanDropCopies() {
    Result result =
        notifier(Set.of(NotificationChannel.SMS, NotificationChannel.VOICE))
            .send(page("INC-1:page:2:alice", ALICE));

    assertThat(result.attempts()).first().isEqualTo("sms: sent");
    JsonNode message = sms.delivered().get(0);
    assertThat(message.path("to").asText()).isEqualTo("+8613800138000");
    assertThat(message.path("text").asText())
        .isEqualTo("P0 支付接口不可用 https://ops.example/incidents/INC-1");
    assertThat(message.path("idempotencyKey").asText()).isEqualTo("INC-1:page:2:alice");
    assertThat(voice.requests()).isZero();
  }

  @Test
  void aRepeatOfTheKeySendsNothingOnEitherLane() throws Exception {
    NotificationService notifier = notifier(all());
    notifier.send(page("INC-1:page:1:alice", ALICE));
    await("the team lane", () -> state("INC-1:page:1:alice#team") == State.SENT);

    Result again = notifier.send(page("INC-1:page:1:alice", ALICE));
    notifier.close(); // lets the repeat's team lane finish

    assertThat(again.duplicate()).isTrue();
    assertThat(again.delivered()).as("it did reach the recipient, earlier").isTrue();
    assertThat(again.channel()).isIn("sms", "sms+dingtalk");
    assertThat(again.attempts()).first().isEqualTo("ledger: already sent via sms");
    assertThat(sms.requests()).isEqualTo(1);
    assertThat(robot.requests()).isEqualTo(1);
    assertThat(ledger.row("INC-1:page:1:alice").attempts()).isEqualTo(1);
    assertThat(ledger.row("INC-1:page:1:alice#team").attempts()).isEqualTo(1);
  }

  @Test
  void concurrentSendsOfOneKeyOnTwoWorkersSendOnce() throws Exception {
    NotificationService first = notifier(all());
    NotificationService second = notifier(all());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Result>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      NotificationService notifier = i % 2 == 0 ? first : second;
      results.add(
          pool.submit(
              () -> {
                go.await();
                return notifier.send(page("INC-1:page:1:alice", ALICE));
              }));
    }
    go.countDown();
    List<Result> done = new ArrayList<>();
    for (Future<Result> f : results) {
      done.add(f.get());
    }
    pool.shutdown();
    first.close();
    second.close();

    assertThat(sms.requests()).isEqualTo(1);
    assertThat(robot.requests()).isEqualTo(1);
    assertThat(done)
        .filteredOn(r -> !r.duplicate())
        .singleElement()
        .extracting(Result::channel)
        .asString()
        .startsWith("sms");
    assertThat(done)
        .filteredOn(Result::duplicate)
        .hasSize(7)
        .allMatch(r -> r.channel().startsWith("sms"));
  }

  @Test
  void aClaimLeftByADeadSenderIsTakenOverAfterTheClaimTimeout() {
    // a sender claimed the key and died before it recorded an outcome
    ledger.claim(
        new NotificationLedger.Entry("INC-1:page:1:alice", "alice", Urgency.PAGE, "P0"),
        Duration.ofMinutes(5));
    NotificationService notifier =
        notifier(
            Set.of(NotificationChannel.SMS),
            20,
            Duration.ofSeconds(5),
            policy(Duration.ofMillis(200)));

    Result whileFresh = notifier.send(page("INC-1:page:1:alice", ALICE));
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    Result afterTimeout = notifier.send(page("INC-1:page:1:alice", ALICE));

    assertThat(whileFresh.delivered()).isFalse();
    assertThat(whileFresh.attempts()).first().isEqualTo("ledger: another sender is sending it");
    assertThat(afterTimeout.channel()).isEqualTo("sms");
    assertThat(sms.requests()).isEqualTo(1);
    assertThat(ledger.row("INC-1:page:1:alice").attempts()).isEqualTo(2);
  }

  @Test
  void aNotificationNoChannelTookMayBeSentLater() {
    sms.failNext(FakeMessageGateway.Failure.HTTP_400, 1);
    NotificationService notifier = notifier(Set.of(NotificationChannel.SMS));

    Result failed = notifier.send(page("INC-1:page:1:alice", ALICE));
    assertThat(ledger.row("INC-1:page:1:alice").state()).isEqualTo(State.FAILED);
    Result retried = notifier.send(page("INC-1:page:1:alice", ALICE));

    assertThat(failed.delivered()).isFalse();
    assertThat(failed.channel()).isNull();
    assertThat(failed.attempts())
        .startsWith("sms: rejected: SMS gateway: HTTP 400", "voice: not configured");
    assertThat(retried.channel()).isEqualTo("sms");
    assertThat(ledger.row("INC-1:page:1:alice").state()).isEqualTo(State.SENT);
  }

  @Test
  void aRecipientWithoutMobileIsPagedOnDingTalkOnlyInTheCallersThread() {
    Recipient dave = new Recipient("dave", "Dave", null, "dave@suoke.example", "dave01");
    robot.failNext(FakeDingTalkRobot.Failure.HTTP_500, 1);

    Result result = notifier(all()).send(page("INC-1:page:1:dave", dave));

    assertThat(result.channel()).isEqualTo("dingtalk");
    assertThat(result.delivered()).isTrue();
    assertThat(result.attempts())
        .containsExactly("sms: no address", "voice: no address", "dingtalk: sent on try 2");
    assertThat(robot.messages()).as("sent before send returned").hasSize(1);
    assertThat(robot.messages().get(0).path("at").path("atUserIds").get(0).asText())
        .isEqualTo("dave01");
    assertThat(state("INC-1:page:1:dave#team")).isEqualTo(State.SENT);
    assertThat(ledger.row("INC-1:page:1:dave")).isNull();
    assertThat(sms.requests() + voice.requests()).isZero();
    assertThat(smtp.getReceivedMessages()).as("a page never goes by e-mail").isEmpty();
  }

  @Test
  void channelsWithoutConfigurationOrWithoutAnAddressAreSkipped() {
    Recipient nobodyReachable = new Recipient("bob", "Bob", null, null, null);
    Recipient dingTalkOnly = new Recipient("carol", "Carol", "not a number", null, "carol01");

    Result none = notifier(all()).send(page("K-bob", nobodyReachable));
    Result userIdOnly =
        notifier(Set.of(NotificationChannel.DINGTALK)).send(page("K-carol", dingTalkOnly));
    Result voiceOnly = notifier(Set.of(NotificationChannel.VOICE)).send(page("K-alice", ALICE));
    Result nothingConfigured = notifier(Set.of()).send(page("K-alice-2", ALICE));

    assertThat(none.attempts())
        .containsExactly("sms: no address", "voice: no address", "dingtalk: no address");
    assertThat(none.delivered()).isFalse();
    assertThat(state("K-bob#team")).isEqualTo(State.FAILED);
    assertThat(userIdOnly.channel()).isEqualTo("dingtalk");
    assertThat(userIdOnly.attempts())
        .containsExactly("sms: not configured", "voice: not configured", "dingtalk: sent");
    assertThat(robot.messages().get(0).path("at").path("atMobiles")).isEmpty();
    assertThat(robot.messages().get(0).path("at").path("atUserIds").get(0).asText())
        .isEqualTo("carol01");
    assertThat(voiceOnly.channel()).isEqualTo("voice");
    assertThat(voiceOnly.attempts()).startsWith("sms: not configured", "voice: sent");
    assertThat(nothingConfigured.attempts())
        .containsExactly(
            "sms: not configured", "voice: not configured", "dingtalk: not configured");
    assertThat(nothingConfigured.delivered()).isFalse();
    // a lane none of whose channels is set up leaves no ledger entry; one that reached no one does
    assertThat(ledger.row("K-alice-2")).isNull();
    assertThat(ledger.row("K-alice-2#team")).isNull();
    assertThat(ledger.row("K-alice#team")).isNull();
  }

  @Test
  void informationGoesToDingTalkOnOneLane() {
    Notification info =
        new Notification(
            "CHG-7:approved:alice",
            ALICE,
            Urgency.INFO,
            "变更 CHG-7 已批准",
            "今晚 22:00 发布",
            "https://ops.example/changes/CHG-7");

    Result result = notifier(all()).send(info);

    assertThat(result.channel()).isEqualTo("dingtalk");
    assertThat(result.attempts()).containsExactly("dingtalk: sent");
    assertThat(robot.messages()).hasSize(1);
    assertThat(state("CHG-7:approved:alice")).isEqualTo(State.SENT);
    assertThat(ledger.row("CHG-7:approved:alice#team")).isNull();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(sms.requests() + voice.requests()).isZero();
  }

  @Test
  void informationGoesToDingTalkThenEmailNeverToPhones() throws Exception {
    robot.failNext(FakeDingTalkRobot.Failure.ERRCODE_310000, 1);
    Notification info =
        new Notification(
            "CHG-7:approved:alice",
            ALICE,
            Urgency.INFO,
            "变更 CHG-7 已批准",
            "今晚 22:00 发布",
            "https://ops.example/changes/CHG-7");

    Result result = notifier(all()).send(info);

    assertThat(result.channel()).isEqualTo("email");
    assertThat(result.attempts()).hasSize(2).last().isEqualTo("email: sent");
    MimeMessage mail = smtp.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("变更 CHG-7 已批准");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@suoke.example");
    assertThat(mail.getContent().toString())
        .contains("今晚 22:00 发布", "https://ops.example/changes/CHG-7");
    assertThat(mail.getHeader(MailClient.KEY_HEADER)).containsExactly("CHG-7:approved:alice");
    assertThat(sms.requests() + voice.requests()).isZero();
  }

  @Test
  void pagesBeyondTheRobotsLimitArriveTogetherInOneDigestWhileTheirSmsAreOut() throws Exception {
    NotificationService notifier =
        notifier(all(), 2, Duration.ofSeconds(10), policy(Duration.ofSeconds(5)));
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Recipient r = new Recipient("user" + i, "User " + i, "1390000000" + i, null, null);
      results.add(notifier.send(page("INC-2:page:" + r.username(), r)));
    }
    await("three pages waiting for the robot", () -> outbox.pending() == 3);
    assertThat(results).allMatch(r -> r.channel().startsWith("sms"));
    assertThat(sms.delivered()).hasSize(5);

    clock.advance(Duration.ofSeconds(61));
    assertThat(outbox.flushDue()).isTrue();

    await(
        "every team lane",
        () ->
            IntStream.range(0, 5)
                .allMatch(i -> state("INC-2:page:user" + i + "#team") == State.SENT));
    assertThat(robot.rejections()).isEmpty();
    assertThat(robot.messages()).hasSize(3);
    JsonNode digest = robot.messages().get(2);
    assertThat(digest.path("at").path("atMobiles")).hasSize(3);
    for (JsonNode mobile : digest.path("at").path("atMobiles")) {
      assertThat(digest.path("markdown").path("text").asText()).contains("@" + mobile.asText());
    }
  }

  @Test
  void aFullTeamLaneIsSkippedAndNoted(CapturedOutput output) throws Exception {
    NotificationService notifier =
        notifier(
            all(),
            1,
            Duration.ofSeconds(10),
            policy(Duration.ofSeconds(5)),
            new NotificationService.TeamLane(1, 1));
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Recipient r = new Recipient("user" + i, "User " + i, "1390000000" + i, null, null);
      results.add(notifier.send(page("INC-4:page:" + r.username(), r)));
      if (i == 1) {
        // user0's team lane went out and took the robot's window, user1's waits in the outbox
        await("user1's DingTalk message in the outbox", () -> outbox.pending() == 1);
      }
    }

    // user2's team lane waits for the pool's one thread, user3's finds the queue full
    assertThat(results).allMatch(Result::delivered);
    assertThat(results.get(3).attempts())
        .containsExactly("sms: sent", "dingtalk: skipped, the team lane is full");
    assertThat(ledger.row("INC-4:page:user3#team")).as("a retry sends it").isNull();
    assertThat(output.getAll()).contains("INC-4:page:user3#team").doesNotContain("13900000003");
  }

  @Test
  void noSecretNoAddressAndNoBodyReachesTheLogsOrTheResults(CapturedOutput output) {
    robot.failNext(FakeDingTalkRobot.Failure.HTTP_500, 3);
    sms.failNext(FakeMessageGateway.Failure.SLOW, 1);
    sms.failNext(FakeMessageGateway.Failure.HTTP_500, 2);
    voice.failNext(FakeMessageGateway.Failure.HTTP_400, 1);
    NotificationService notifier = notifier(all());

    Result page = notifier.send(page("INC-9:page:alice", ALICE));
    robot.failNext(FakeDingTalkRobot.Failure.ERRCODE_310000, 1);
    Result info =
        notifier.send(new Notification("INC-9:info:alice", ALICE, Urgency.INFO, "t", BODY, null));

    assertThat(page.delivered()).isFalse();
    assertThat(info.channel()).isEqualTo("email");
    // a page that reached nobody is logged by its key; a notification sent is not, at this level
    assertThat(output.getAll()).contains("INC-9:page:alice").doesNotContain("INC-9:info:alice");
    // the test's own SMTP server logs the addresses it sees; the application's lines are the rest
    String logs =
        String.join(
            "\n", output.getAll().lines().filter(l -> !l.contains("com.icegreen")).toList());
    String everything = logs + page + info;
    assertThat(everything)
        .doesNotContain(robot.secret())
        .doesNotContain(robot.accessToken())
        .doesNotContain(sms.token())
        .doesNotContain(voice.token())
        .doesNotContain("13800138000")
        .doesNotContain("alice@suoke.example")
        .doesNotContain("支付接口** 错误率");
  }

  @Test
  void anIncompleteNotificationIsRefused() {
    NotificationService notifier = notifier(all());

    assertThatThrownBy(() -> notifier.send(page(" ", ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idempotencyKey");
    assertThatThrownBy(
            () -> notifier.send(page("k", new Recipient(null, null, "13800138000", null, null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recipient.username");
    assertThatThrownBy(() -> notifier.send(new Notification("k", ALICE, null, "t", null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("urgency");
    // a page's team lane keeps its ledger key at 255 characters with "#team"
    assertThatThrownBy(() -> notifier.send(page("k".repeat(251), ALICE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 250");
    assertThat(robot.requests() + sms.requests()).isZero();
    assertThat(notifier.send(page("k".repeat(250), ALICE)).delivered()).isTrue();
    assertThat(
            notifier
                .send(new Notification("i".repeat(255), ALICE, Urgency.INFO, "t", null, null))
                .delivered())
        .isTrue();
  }

  @Test
  void phoneNumbersAreReadInTheFormsPeopleWriteThem() {
    assertThat(Mobiles.international("138 0013 8000")).isEqualTo("+8613800138000");
    assertThat(Mobiles.international("+86 138-0013-8000")).isEqualTo("+8613800138000");
    assertThat(Mobiles.international("008613800138000")).isEqualTo("+8613800138000");
    assertThat(Mobiles.international("8613800138000")).isEqualTo("+8613800138000");
    assertThat(Mobiles.international("+852 9123 4567")).isEqualTo("+85291234567");
    assertThat(Mobiles.international("call me")).isNull();
    assertThat(Mobiles.dingtalk("+8613800138000")).isEqualTo("13800138000");
    assertThat(Mobiles.dingtalk("+85291234567")).isEqualTo("+85291234567");
  }
}
