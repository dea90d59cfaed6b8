package life.suoke.ops.backend;

import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the whole application on its embedded defaults. All of them share one
 * Spring context (and so one PostgreSQL and one search node) with data in a fresh directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApplicationTest {

  private static final Path DATA_DIR = createDataDir();
  private static final int ENGINE_GRPC_PORT = FreePort.pick();
  private static final int ENGINE_REST_PORT = FreePort.pick();

  @DynamicPropertySource
  static void embeddedRuntimes(DynamicPropertyRegistry registry) {
    registry.add("suoke.data-dir", DATA_DIR::toString);
    registry.add("suoke.engine.grpc-port", () -> ENGINE_GRPC_PORT);
    registry.add("suoke.engine.rest-port", () -> ENGINE_REST_PORT);
    // every test signs in from 127.0.0.1: the per-address limit is SignInThrottleTest's to check
    registry.add("suoke.security.sign-in.max-failures-per-address", () -> 10_000);
    // a real OIDC provider, so that bearer tokens are accepted beside form and Basic sign-in
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
        () -> life.suoke.ops.oidctest.OidcProvider.shared(FreePort::pick).issuer());
    // pages and notifications go to a DingTalk robot and SMS and voice gateways on loopback
    life.suoke.ops.backend.support.PagingGateway.shared()
        .properties()
        .forEach((name, value) -> registry.add(name, () -> value));
  }

  /** The first user task of the process instance, once the engine's search has one. */
  protected static UserTask awaitUserTask(
      CamundaClient client, long processInstanceKey, Duration patience) {
    return await()
        .atMost(patience)
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(processInstanceKey))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty())
        .get(0);
  }

  /**
   * A user in the given groups, with a fresh name that starts with {@code prefix}; password {@link
   * #PASSWORD}.
   */
  protected static String newUser(
      life.suoke.ops.backend.identity.UserDirectory directory, String prefix, String... groups) {
    String username = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    directory.createUser(
        new life.suoke.ops.backend.identity.UserAccount(
            username,
            prefix + " user",
            null,
            null,
            null,
            java.util.Set.of(groups),
            java.util.Set.of(),
            true),
        PASSWORD);
    return username;
  }

  protected static final String PASSWORD = "correct-horse-battery";

  protected static Path dataDir() {
    return DATA_DIR;
  }

  private static Path createDataDir() {
    try {
      Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "app-test-data-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
