package life.suoke.ops.backend.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import life.suoke.ops.backend.runtime.RuntimeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything is authenticated except the health endpoint and the static files of the UI shell
 * (which hold no data). Until the directory integration lands, one administrator account exists;
 * its password comes from {@code suoke.security.admin-password} or, if unset, is generated once and
 * written to {@code <data-dir>/admin-password} (readable by the owner only), never to the log.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                    .permitAll()
                    .requestMatchers("/", "/index.html", "/assets/**", "/favicon.svg", "/favicon.ico", "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(Customizer.withDefaults())
        .formLogin(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService userDetailsService(
      @Value("${suoke.security.admin-user:admin}") String adminUser,
      @Value("${suoke.security.admin-password:}") String adminPassword,
      RuntimeProperties runtime,
      PasswordEncoder encoder)
      throws IOException {
    String password = adminPassword.isBlank() ? generatedPassword(runtime.dataDir()) : adminPassword;
    return new InMemoryUserDetailsManager(
        User.withUsername(adminUser).password(encoder.encode(password)).roles("ADMIN").build());
  }

  private static String generatedPassword(Path dataDir) throws IOException {
    Path file = dataDir.resolve("admin-password");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.createDirectories(dataDir);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(Set.of(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE)));
    Files.writeString(file, password);
    log.info("No administrator password configured: one was generated into {}", file.toAbsolutePath());
    return password;
  }
}
