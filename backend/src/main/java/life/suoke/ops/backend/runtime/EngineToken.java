package life.suoke.ops.backend.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import io.camunda.client.CredentialsProvider;

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
    Path file = dataDir.resolve("engine-token");
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file).trim();
        if (!existing.isEmpty()) {
          return new EngineToken(existing);
        }
        Files.delete(file);
      }
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(dataDir);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      Files.writeString(file, token);
      return new EngineToken(token);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
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
