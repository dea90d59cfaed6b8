package life.suoke.ops.workers.adapters.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import life.suoke.ops.workers.adapters.dingtalk.FakeDingTalkRobot.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The robot client against a local robot that checks DingTalk's contract. */
class DingTalkClientTest {

  private final FakeDingTalkRobot robot = new FakeDingTalkRobot();

  DingTalkClientTest() throws IOException {}

  @AfterEach
  void stop() {
    robot.close();
  }

  private DingTalkClient client() {
    return new DingTalkClient(
        robot.webhook(), robot.secret(), Duration.ofSeconds(2), Clock.systemUTC());
  }

  /** For the slow robot: gives up long before the robot answers. */
  private DingTalkClient impatientClient() {
    return new DingTalkClient(
        robot.webhook(), robot.secret(), Duration.ofMillis(500), Clock.systemUTC());
  }

  @Test
  void signatureIsDingTalksHmacOfTimestampAndSecretBase64AndUrlEncoded() {
    // computed apart: HMAC-SHA256(key = secret, data = "1764777600000\nSECexample-secret"), Base64,
    // URL-encoded
    assertThat(DingTalkSigner.signature("SECexample-secret", 1764777600000L))
        .isEqualTo("+0ri7MSecnBMXiNtF5ow5Dbw8KCp/1WIkAQR+GqmJ6E=");
    assertThat(DingTalkSigner.urlEncodedSignature("SECexample-secret", 1764777600000L))
        .isEqualTo("%2B0ri7MSecnBMXiNtF5ow5Dbw8KCp%2F1WIkAQR%2BGqmJ6E%3D");
  }

  @Test
  void signedMarkdownMessageIsTakenWithItsMentions() {
    DingTalkMessage.At at =
        new DingTalkMessage.At(List.of("13800138000"), List.of("manager01"), false);
    client()
        .send(
            new DingTalkMessage.Markdown(
                "P1 支付接口错误率升高", "#### P1 支付接口错误率升高\n\n请处理 @13800138000 @manager01", at));

    assertThat(robot.rejections()).isEmpty();
    assertThat(robot.messages()).hasSize(1);
    JsonNode message = robot.messages().get(0);
    assertThat(message.path("msgtype").asText()).isEqualTo("markdown");
    assertThat(message.path("markdown").path("title").asText()).isEqualTo("P1 支付接口错误率升高");
    assertThat(message.path("markdown").path("text").asText()).contains("请处理 @13800138000");
    assertThat(message.path("at").path("atMobiles").get(0).asText()).isEqualTo("13800138000");
    assertThat(message.path("at").path("atUserIds").get(0).asText()).isEqualTo("manager01");
    assertThat(message.path("at").path("isAtAll").asBoolean(true)).isFalse();
  }

  @Test
  void everyMessageTypeHasTheShapeTheRobotExpects() {
    DingTalkClient client = client();
    client.send(
        new DingTalkMessage.Text(
            "值班交接已完成 @13800138000",
            new DingTalkMessage.At(List.of("13800138000"), List.of(), false)));
    client.send(
        new DingTalkMessage.Link(
            "变更 CHG-1 已批准", "生产发布窗口 22:00", "https://ops.example/changes/CHG-1", null));
    client.send(
        new DingTalkMessage.ActionCard(
            "事件 INC-1", "请确认事件", "查看", "https://ops.example/incidents/INC-1"));

    assertThat(robot.rejections()).isEmpty();
    assertThat(robot.messages())
        .extracting(m -> m.path("msgtype").asText())
        .containsExactly("text", "link", "actionCard");
    assertThat(robot.messages().get(1).path("link").path("messageUrl").asText())
        .isEqualTo("https://ops.example/changes/CHG-1");
    assertThat(robot.messages().get(2).path("actionCard").path("singleURL").asText())
        .isEqualTo("https://ops.example/incidents/INC-1");
  }

  @Test
  void aMentionNotWrittenInTheTextIsRefusedByTheRobot() {
    DingTalkMessage.At at = new DingTalkMessage.At(List.of("13800138000"), List.of(), false);
    DingTalkException e =
        catchThrowableOfType(
            DingTalkException.class,
            () -> client().send(new DingTalkMessage.Markdown("t", "no mention here", at)));

    assertThat(e.retryable()).isFalse();
    assertThat(robot.rejections()).containsExactly("mentioned mobile not written in the text");
  }

  @Test
  void aWrongSecretIsRejectedWith310000AndIsNotRetryable() {
    DingTalkClient wrong =
        new DingTalkClient(robot.webhook(), "SECwrong", Duration.ofMillis(500), Clock.systemUTC());

    DingTalkException e =
        catchThrowableOfType(
            DingTalkException.class,
            () -> wrong.send(new DingTalkMessage.Text("hello", DingTalkMessage.At.NOBODY)));

    assertThat(e.errcode()).isEqualTo(DingTalkClient.ERRCODE_SECURITY);
    assertThat(e.retryable()).isFalse();
    assertThat(robot.messages()).isEmpty();
  }

  @Test
  void aTimestampMoreThanAnHourOldIsRejected() {
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(61)), java.time.ZoneOffset.UTC);
    DingTalkClient client =
        new DingTalkClient(robot.webhook(), robot.secret(), Duration.ofMillis(500), late);

    DingTalkException e =
        catchThrowableOfType(
            DingTalkException.class,
            () -> client.send(new DingTalkMessage.Text("hello", DingTalkMessage.At.NOBODY)));

    assertThat(e.errcode()).isEqualTo(310000);
    assertThat(robot.rejections()).singleElement().asString().startsWith("timestamp");
  }

  @Test
  void serverErrorsTooFastTimeoutsAndNoConnectionMayBeRetried() throws IOException {
    DingTalkMessage message = new DingTalkMessage.Text("hello", DingTalkMessage.At.NOBODY);
    robot.failNext(Failure.HTTP_500, 1);
    robot.failNext(Failure.TOO_FAST, 1);
    robot.failNext(Failure.SLOW, 1);
    DingTalkClient client = client();

    DingTalkException server =
        catchThrowableOfType(DingTalkException.class, () -> client.send(message));
    DingTalkException tooFast =
        catchThrowableOfType(DingTalkException.class, () -> client.send(message));
    DingTalkException slow =
        catchThrowableOfType(DingTalkException.class, () -> impatientClient().send(message));
    DingTalkException unreachable =
        catchThrowableOfType(
            DingTalkException.class,
            () ->
                new DingTalkClient(
                        closedPortWebhook(),
                        robot.secret(),
                        Duration.ofMillis(500),
                        Clock.systemUTC())
                    .send(message));

    assertThat(server.retryable()).isTrue();
    assertThat(server.getMessage()).contains("HTTP 500");
    assertThat(tooFast.retryable()).isTrue();
    assertThat(tooFast.errcode()).isEqualTo(DingTalkClient.ERRCODE_TOO_FAST);
    assertThat(slow.retryable()).isTrue();
    assertThat(slow.getMessage()).contains("no answer within 500 ms");
    assertThat(unreachable.retryable()).isTrue();
    // the robot works again afterwards
    client.send(message);
    assertThat(robot.messages()).hasSize(1);
  }

  @Test
  void neitherTheAccessTokenNorTheSecretAppearsInFailuresOrDescriptions() throws IOException {
    DingTalkMessage message = new DingTalkMessage.Text("hello", DingTalkMessage.At.NOBODY);
    robot.failNext(Failure.ERRCODE_310000, 1);
    robot.failNext(Failure.HTTP_500, 1);
    robot.failNext(Failure.SLOW, 1);
    DingTalkClient client = client();
    List<Throwable> failures = new java.util.ArrayList<>();
    failures.add(catchThrowableOfType(DingTalkException.class, () -> client.send(message)));
    failures.add(catchThrowableOfType(DingTalkException.class, () -> client.send(message)));
    failures.add(
        catchThrowableOfType(DingTalkException.class, () -> impatientClient().send(message)));
    failures.add(
        catchThrowableOfType(
            DingTalkException.class,
            () ->
                new DingTalkClient(
                        closedPortWebhook(),
                        robot.secret(),
                        Duration.ofMillis(300),
                        Clock.systemUTC())
                    .send(message)));
    failures.add(
        catchThrowableOfType(
            IllegalArgumentException.class,
            () ->
                new DingTalkClient(
                    "htp:/ /x?access_token=" + robot.accessToken(),
                    robot.secret(),
                    Duration.ofMillis(300),
                    Clock.systemUTC())));

    assertThat(failures)
        .allSatisfy(
            f -> {
              assertThat(f).isNotNull();
              assertThat(f.toString())
                  .doesNotContain(robot.accessToken())
                  .doesNotContain(robot.secret());
              assertThat(f.getCause()).isNull();
            });
    assertThat(client.toString())
        .doesNotContain(robot.accessToken())
        .doesNotContain(robot.secret());
  }

  @Test
  void withoutAWebhookTheRobotIsNotConfigured() {
    DingTalkClient client = new DingTalkClient(" ", null, Duration.ofSeconds(1), Clock.systemUTC());

    assertThat(client.configured()).isFalse();
    assertThatThrownBy(() -> client.send(new DingTalkMessage.Text("x", DingTalkMessage.At.NOBODY)))
        .isInstanceOf(DingTalkException.class)
        .hasMessageContaining("not configured");
    assertThat(robot.requests()).isZero();
  }

  private String closedPortWebhook() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + "/robot/send?access_token=" + robot.accessToken();
  }
}
