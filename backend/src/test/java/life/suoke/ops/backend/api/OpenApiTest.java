package life.suoke.ops.backend.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.support.ApiClient;
import life.suoke.ops.backend.support.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API is described by OpenAPI, generated from the controllers: every operation of {@code /api}
 * has a summary, and the description and its browsable UI are for signed-in users only.
 */
class OpenApiTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;

  @Test
  void everyApiOperationIsDescribed() {
    ApiClient api = new ApiClient(port, newUser(directory, "reader", "tier2"), PASSWORD);
    JsonNode docs = api.get("/v3/api-docs").json();

    List<String> operations = new ArrayList<>();
    List<String> undescribed = new ArrayList<>();
    docs.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          String name = op.getKey().toUpperCase() + " " + path.getKey();
                          operations.add(name);
                          JsonNode summary = op.getValue().get("summary");
                          if (summary == null || summary.asText().isBlank()) {
                            undescribed.add(name);
                          }
                        }));

    assertThat(operations)
        .contains(
            "GET /api/me",
            "POST /api/admin/users",
            "DELETE /api/admin/groups/{name}",
            "POST /api/models/deploy",
            "POST /api/process-instances");
    assertThat(undescribed).as("operations without a summary").isEmpty();
  }

  @Test
  void theDescriptionAndItsUiNeedASignedInUser() {
    Browser.Response anonymous = new Browser(port).get("/v3/api-docs");
    assertThat(anonymous.status()).isEqualTo(401);
    ApiClient api = new ApiClient(port, newUser(directory, "reader", "tier2"), PASSWORD);
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }
}
