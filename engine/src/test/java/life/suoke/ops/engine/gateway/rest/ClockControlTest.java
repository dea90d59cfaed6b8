package life.suoke.ops.engine.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import life.suoke.ops.engine.Engine;
import life.suoke.ops.engine.EngineConfig;
import life.suoke.ops.engine.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * The clock API exists only with clock control on, as Zeebe's clock is fixed unless {@code
 * zeebe.clock.controlled} is set: without it a pin or reset is refused and the engine clock keeps
 * following the system clock.
 */
class ClockControlTest {

  @Test
  void withoutClockControlTheClockCannotBePinnedOrReset() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(ClockControlTest.class);
    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()))) {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + engine.restPort());

      HttpResponse<String> pin =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/clock"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"timestamp\": 4102444800000}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> reset =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/clock/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(pin.statusCode()).isEqualTo(403);
      assertThat(pin.body()).contains("not controllable");
      assertThat(reset.statusCode()).isEqualTo(403);
      long engineTime = engine.api().query(state -> state.clock().getAsLong()).join();
      assertThat(Math.abs(engineTime - System.currentTimeMillis())).isLessThan(60_000);
    }
  }

  @Test
  void withClockControlThePinMovesTheEngineClock() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase(ClockControlTest.class);
    try (Engine engine = Engine.start(EngineConfig.of(db.dataSource()).withClockControl(true))) {
      HttpResponse<String> pin =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + engine.restPort() + "/v2/clock"))
                      .header("Content-Type", "application/json")
                      .PUT(HttpRequest.BodyPublishers.ofString("{\"timestamp\": 4102444800000}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(pin.statusCode()).isEqualTo(204);
      assertThat(engine.api().query(state -> state.clock().getAsLong()).join())
          .isEqualTo(4102444800000L);
    }
  }
}
