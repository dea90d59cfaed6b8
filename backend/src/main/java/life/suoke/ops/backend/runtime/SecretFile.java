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

/**
 * A secret the application generates once and keeps in its data directory (the first
 * administrator's password, the engine token): created with owner read/write permissions only,
 * never logged, read back unchanged at every later start.
 */
public final class SecretFile {

  private SecretFile() {}

  /**
   * The file's content; if the file is missing or empty, it is created with {@code randomBytes}
   * random bytes, URL-safe Base64 encoded.
   */
  public static String readOrCreate(Path file, int randomBytes) {
    try {
      if (Files.exists(file)) {
        String existing = Files.readString(file).trim();
        if (!existing.isEmpty()) {
          return existing;
        }
        Files.delete(file);
      }
      byte[] bytes = new byte[randomBytes];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.createFile(
          file,
          PosixFilePermissions.asFileAttribute(
              Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
      Files.writeString(file, secret);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
