package life.suoke.ops.engine.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/** The REST gateway's access rule, the same as the gRPC gateway's. */
class RestAccessTest {

  @Test
  void withATokenEveryRequestMustCarryItAsABearerToken() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(RestAccessTest.class);
    try (Engine engine =
        Engine.start(EngineConfig.of(db.dataSource()).withHost("127.0.0.1", "s3cret"))) {
      HttpClient http = HttpClient.newHttpClient();
      URI topology = URI.create("http://127.0.0.1:" + engine.restPort() + "/v2/topology");

      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(topology).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> wrong =
          http.send(
              HttpRequest.newBuilder(topology).header("Authorization", "Bearer guess").build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> right =
          http.send(
              HttpRequest.newBuilder(topology).header("Authorization", "Bearer s3cret").build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("content-type"))
          .hasValue("application/problem+json");
      assertThat(anonymous.body())
          .contains("\"title\":\"UNAUTHORIZED\"")
          .contains("\"status\":401");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("\"clusterSize\":1");
    }
  }

  @Test
  void withoutATokenOnlyLoopbackCallersAreAnswered() {
    AccessGuard guard = new AccessGuard(null);
    assertThat(guard.check(new InetSocketAddress("127.0.0.1", 40000), null, "/v2/topology"))
        .isNull();
    assertThat(guard.check(new InetSocketAddress("::1", 40000), null, "/v2/topology")).isNull();
    RestResponse remote =
        guard.check(new InetSocketAddress("192.0.2.10", 40000), "Bearer anything", "/v2/topology");
    assertThat(remote.status()).isEqualTo(403);
    assertThat(remote.contentType()).isEqualTo("application/problem+json");
  }
}
