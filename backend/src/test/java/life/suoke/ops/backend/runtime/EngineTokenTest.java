package life.suoke.ops.backend.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import life.suoke.ops.backend.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The embedded engine's gateways accept only callers with the application's secret token: another
 * process on the machine can neither read its tasks nor complete one nor move its clock, while the
 * application's own Camunda client works. The clock API is off unless clock control is configured.
 */
class EngineTokenTest extends ApplicationTest {

  @Value("${suoke.engine.rest-port}")
  int restPort;

  @Autowired CamundaClient client;

  @Test
  void theTokenFileIsTheOwnersOnlyAndTheGatewayRefusesCallersWithoutIt() throws Exception {
    var file = dataDir().resolve("engine-token");
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    String token = Files.readString(file).trim();
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);

    HttpClient http = HttpClient.newHttpClient();
    URI search = URI.create("http://127.0.0.1:" + restPort + "/v2/user-tasks/search");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(search)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> guessed =
        http.send(
            HttpRequest.newBuilder(search)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer guess")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> withToken =
        http.send(
            HttpRequest.newBuilder(search)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(guessed.statusCode()).isEqualTo(401);
    assertThat(withToken.statusCode()).isEqualTo(200);
  }

  @Test
  void theApplicationsOwnClientSendsTheToken() {
    assertThat(client.newTopologyRequest().send().join().getBrokers()).isNotEmpty();
  }

  @Test
  void theClockCannotBePinnedWithoutClockControl() throws Exception {
    String token = Files.readString(dataDir().resolve("engine-token")).trim();
    HttpResponse<String> pin =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/v2/clock"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"timestamp\": 4102444800000}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(pin.statusCode()).isEqualTo(403);
    assertThat(Set.of(pin.body())).allMatch(body -> body.contains("not controllable"));
  }
}
