package life.suoke.ops.backend.runtime;

import io.camunda.client.CredentialsProvider;
import java.nio.file.Path;

/**
 * The secret the embedded engine's gateways require from every caller ({@code Authorization: Bearer
 * <token>}), so that no other process on the machine can complete a task or move the clock behind
 * the application's access rules. Generated at first start into {@code <data-dir>/engine-token},
 * readable by its owner only, and never logged; the application's own Camunda client sends it.
 */
public final class EngineToken implements CredentialsProvider {

  private final String value;

  private EngineToken(String value) {
    this.value = value;
  }

  /** Reads the token file, or creates it (owner read/write only) with 32 random bytes. */
  public static EngineToken loadOrCreate(Path dataDir) {
    return new EngineToken(SecretFile.readOrCreate(dataDir.resolve("engine-token"), 32));
  }

  String value() {
    return value;
  }

  @Override
  public void applyCredentials(CredentialsApplier applier) {
    applier.put("Authorization", "Bearer " + value);
  }

  @Override
  public boolean shouldRetryRequest(StatusCode statusCode) {
    return false;
  }

  @Override
  public String toString() {
    return "EngineToken[****]";
  }
}
