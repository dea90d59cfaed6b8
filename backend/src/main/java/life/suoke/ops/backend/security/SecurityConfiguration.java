package life.suoke.ops.backend.security;

import jakarta.servlet.DispatcherType;
import java.util.List;
import life.suoke.ops.backend.identity.CurrentUserArgumentResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. Everything needs a signed-in user except the health endpoint and the static
 * shell of the UI (which holds no data). Three ways to sign in, one set of users and groups:
 *
 * <ul>
 *   <li>browsers: the UI's sign-in page posts to {@code /api/auth/login}; a session cookie
 *       (HttpOnly, SameSite=Lax, expiring after {@code server.servlet.session.timeout} idle) and a
 *       CSRF token (cookie {@code XSRF-TOKEN}, echoed in the {@code X-XSRF-TOKEN} header) follow;
 *       {@code POST /api/auth/logout} signs out;
 *   <li>API clients: HTTP Basic with the same users;
 *   <li>OIDC bearer tokens when an issuer is configured ({@code
 *       spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri}), groups from
 *       the claim {@code suoke.security.oidc.groups-claim} ({@link OidcGroupsConverter}).
 * </ul>
 *
 * Requests that carry an {@code Authorization} header are not cookie-authenticated and so need no
 * CSRF token. Sign-in attempts are throttled per user name and per address ({@link
 * SignInThrottle}). Which groups may do what is decided per endpoint ({@code @PreAuthorize} and the
 * services' own checks), never by the UI.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity
public class SecurityConfiguration {

  /** Publishes the end of HTTP sessions (sign-out, expiry) as application events. */
  @Bean
  HttpSessionEventPublisher httpSessionEventPublisher() {
    return new HttpSessionEventPublisher();
  }

  /** Paths of the UI's pages: the static shell is served for them (see {@code ui.SpaRoutes}). */
  /** The alert sources' endpoints: authenticated by the integration token, not by a user. */
  public static final String[] INTAKE_PATHS = {"/api/integrations/**"};

  public static final String[] UI_PATHS = {
    "/",
    "/index.html",
    "/assets/**",
    "/favicon.svg",
    "/favicon.ico",
    "/signin",
    "/inbox/**",
    "/tasks/**",
    "/audit/**",
    "/admin/**",
    "/status/**"
  };

  /**
   * Paths in the rules below are matched as Spring MVC's path patterns, directly, rather than by
   * asking MVC's handler mappings for each request.
   */
  @Bean
  static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
    return new PathPatternRequestMatcherBuilderFactoryBean();
  }

  /**
   * The alert sources' endpoints in a chain of their own: the integration's token is the credential
   * (checked by the intake), so a webhook goes through no session, CSRF, sign-in or saved-request
   * filters; a burst of alerts is a burst of these requests. Like the on-call feed's chain, it is
   * ordered ahead of the application's.
   */
  @Bean
  @Order(5)
  SecurityFilterChain intakeFilterChain(HttpSecurity http) throws Exception {
    http.securityMatcher(INTAKE_PATHS)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .sessionManagement(
            sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }

  /** The application's chain: everything the chains ahead of it (ordered) do not cover. */
  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      SignInThrottle throttle,
      SignInHandlers handlers,
      ObjectProvider<JwtDecoder> jwtDecoder,
      OidcGroupsConverter oidcGroups)
      throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    // the re-dispatch of a request that was authorized when it started (a live
                    // event stream
                    // after its session ended must end quietly, not fail a second authorization)
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                    .permitAll()
                    // alert sources: the integration's token is the credential (checked by the
                    // intake)
                    .requestMatchers(INTAKE_PATHS)
                    .permitAll()
                    .requestMatchers(UI_PATHS)
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/signin")
                    .loginProcessingUrl("/api/auth/login")
                    .successHandler(handlers)
                    .failureHandler(handlers)
                    .permitAll())
        .logout(
            logout ->
                logout
                    .logoutUrl("/api/auth/logout")
                    .addLogoutHandler(handlers)
                    .logoutSuccessHandler(
                        new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
        .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemEntryPoint(true)))
        .csrf(
            csrf ->
                csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                    .ignoringRequestMatchers(new RequestHeaderRequestMatcher("Authorization"))
                    .ignoringRequestMatchers(INTAKE_PATHS))
        .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
        .addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(
            errors -> {
              MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
              html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
              errors.defaultAuthenticationEntryPointFor(
                  new LoginUrlAuthenticationEntryPoint("/signin"), html);
              errors.defaultAuthenticationEntryPointFor(
                  new ProblemEntryPoint(true), request -> true);
              errors.accessDeniedHandler(new ProblemAccessDeniedHandler());
            });
    JwtDecoder decoder = jwtDecoder.getIfAvailable();
    if (decoder != null) {
      http.oauth2ResourceServer(
          oauth ->
              oauth
                  .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(oidcGroups))
                  .authenticationEntryPoint(new ProblemEntryPoint(false)));
    }
    return http.build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    // bcrypt, stored with its {id} prefix so that the algorithm can be upgraded later
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  WebMvcConfigurer currentUserParameters() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
      }
    };
  }
}
