package life.suoke.ops.backend.security;

import java.nio.file.Path;
import java.util.Set;
import life.suoke.ops.backend.identity.Groups;
import life.suoke.ops.backend.identity.UserAccount;
import life.suoke.ops.backend.identity.UserDirectory;
import life.suoke.ops.backend.runtime.RuntimeProperties;
import life.suoke.ops.backend.runtime.SecretFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The first administrator. When the directory has no user of that name (first start), it is created
 * in group {@code admins} with the password {@code suoke.security.admin-password}, or, if none is
 * configured, with one generated into {@code <data-dir>/admin-password} (owner-only, never logged).
 * A configured password is also set again at every start if it changed, so that an operator who
 * lost it can reset it through the environment.
 */
@Component
class AdministratorBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

  private final UserDirectory directory;
  private final PasswordEncoder encoder;
  private final String adminUser;
  private final String adminPassword;
  private final Path dataDir;

  AdministratorBootstrap(
      UserDirectory directory,
      PasswordEncoder encoder,
      RuntimeProperties runtime,
      @Value("${suoke.security.admin-user:admin}") String adminUser,
      @Value("${suoke.security.admin-password:}") String adminPassword) {
    this.directory = directory;
    this.encoder = encoder;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
    this.dataDir = runtime.dataDir();
  }

  @Override
  public void afterSingletonsInstantiated() {
    var existing = directory.credentials(adminUser);
    if (existing.isEmpty()) {
      String password = adminPassword.isBlank() ? generatedPassword() : adminPassword;
      directory.createUser(
          new UserAccount(
              adminUser,
              "Administrator",
              null,
              null,
              null,
              Set.of(Groups.ADMINS),
              Set.of(Groups.ADMINS),
              true),
          password);
      log.info("Created the administrator account '{}'", adminUser);
    } else if (!adminPassword.isBlank()
        && (existing.get().passwordHash() == null
            || !encoder.matches(adminPassword, existing.get().passwordHash()))) {
      directory.user(adminUser).ifPresent(user -> directory.updateUser(user, adminPassword));
      log.info("The administrator's password was set from the configuration");
    }
  }

  private String generatedPassword() {
    Path file = dataDir.resolve("admin-password");
    boolean existed = java.nio.file.Files.exists(file);
    String password = SecretFile.readOrCreate(file, 18);
    if (!existed) {
      log.info(
          "No administrator password configured: one was generated into {}", file.toAbsolutePath());
    }
    return password;
  }
}
