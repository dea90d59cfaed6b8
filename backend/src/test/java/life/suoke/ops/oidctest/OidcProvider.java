package life.suoke.ops.oidctest;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect provider (Spring Authorization Server) for the bearer-token tests, started
 * once on a free loopback port in its own small Spring context. Its clients stand for users: a
 * client_credentials token of client {@code <name>} carries {@code preferred_username=<name>} and
 * the {@code groups} claim configured for it. Not under {@code life.suoke.ops.backend}, so that the
 * application's component scan does not pick it up.
 */
public final class OidcProvider {

  /** client id (= user name) and its groups; each client's secret is {@link #secret(String)}. */
  public static final Map<String, List<String>> CLIENTS =
      Map.of(
          "oidc-responder", List.of("tier1-oncall"),
          "oidc-auditor", List.of("auditors"),
          "oidc-nogroups", List.of());

  public static String secret(String clientId) {
    return "secret-of-" + clientId;
  }

  private static OidcProvider running;

  private final ConfigurableApplicationContext context;
  private final String issuer;

  private OidcProvider(int port) {
    this.issuer = "http://localhost:" + port;
    this.context =
        new SpringApplicationBuilder(ProviderApplication.class)
            // command-line arguments outrank the application's own application.yml on the test
            // class path
            .run(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--provider.issuer=" + issuer,
                "--spring.main.banner-mode=off");
  }

  /** The shared provider, started on first use on the given port picker. */
  public static synchronized OidcProvider shared(java.util.function.IntSupplier freePort) {
    if (running == null) {
      running = new OidcProvider(freePort.getAsInt());
      Runtime.getRuntime().addShutdownHook(new Thread(running.context::close));
    }
    return running;
  }

  public String issuer() {
    return issuer;
  }

  @SpringBootConfiguration
  @EnableWebSecurity
  @ImportAutoConfiguration({
    ServletWebServerFactoryAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    JacksonAutoConfiguration.class
  })
  static class ProviderApplication {

    @Bean
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server =
          OAuth2AuthorizationServerConfigurer.authorizationServer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, s -> s.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(a -> a.anyRequest().authenticated())
          .csrf(c -> c.ignoringRequestMatchers(server.getEndpointsMatcher()));
      return http.build();
    }

    @Bean
    RegisteredClientRepository clients() {
      List<RegisteredClient> clients =
          CLIENTS.keySet().stream()
              .map(
                  id ->
                      RegisteredClient.withId(UUID.randomUUID().toString())
                          .clientId(id)
                          .clientSecret("{noop}" + secret(id))
                          .clientAuthenticationMethod(
                              ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                          .scope("api")
                          .tokenSettings(
                              TokenSettings.builder()
                                  .accessTokenTimeToLive(Duration.ofMinutes(5))
                                  .build())
                          .build())
              .toList();
      return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> userClaims() {
      return context -> {
        String client = context.getRegisteredClient().getClientId();
        context
            .getClaims()
            .claim("preferred_username", client)
            .claim("groups", CLIENTS.getOrDefault(client, List.of()));
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() {
      KeyPair pair = rsa();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) pair.getPublic())
              .privateKey((RSAPrivateKey) pair.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The provider's own decoder (its user-info endpoint reads the tokens it issued). */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
      return org.springframework.security.oauth2.server.authorization.config.annotation.web
          .configuration.OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings(org.springframework.core.env.Environment env) {
      return AuthorizationServerSettings.builder()
          .issuer(env.getProperty("provider.issuer"))
          .build();
    }

    static KeyPair rsa() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
