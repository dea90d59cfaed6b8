package life.suoke.ops.backend.oncall.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The calendar feed ({@code GET /api/oncall/feed/<secret>.ics}) is read by phone calendars that
 * cannot sign in: the secret in its address is the credential, checked by the controller (404 for
 * an unknown one). This chain covers only that path, ahead of the application's chain; it keeps no
 * session and accepts only GET.
 */
@Configuration(proxyBeanMethods = false)
class OnCallWebSecurity {

  @Bean
  @Order(10)
  SecurityFilterChain oncallFeedChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/api/oncall/feed/**")
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/oncall/feed/*")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .build();
  }
}
