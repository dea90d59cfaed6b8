package life.suoke.ops.backend.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing: after {@code suoke.security.sign-in.max-failures} failed sign-ins
 * (default 5) of one user name from one address within {@code window} (default 15 minutes), or
 * {@code max-failures-per-address} (default 30) of any user names from one address, further
 * attempts from there are refused with 429 and {@code Retry-After} until the oldest failure leaves
 * the window, whether the password is right or not. Applies to form sign-in and HTTP Basic; a
 * successful sign-in clears the user's count. Kept in memory: a restart forgets it.
 */
@Component
public class SignInThrottle {

  private final int maxPerUser;
  private final int maxPerAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  @Autowired
  SignInThrottle(
      @Value("${suoke.security.sign-in.max-failures:5}") int maxPerUser,
      @Value("${suoke.security.sign-in.max-failures-per-address:30}") int maxPerAddress,
      @Value("${suoke.security.sign-in.window:PT15M}") Duration window) {
    this(maxPerUser, maxPerAddress, window, Clock.systemUTC());
  }

  SignInThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock) {
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
    this.clock = clock;
  }

  /** Seconds until {@code username} may try again from {@code address}; 0 when it may now. */
  public long retryAfterSeconds(String username, String address) {
    long now = clock.millis();
    long wait =
        Math.max(
            waitFor(userKey(username, address), maxPerUser, now),
            waitFor(addressKey(address), maxPerAddress, now));
    return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
  }

  public void failed(String username, String address) {
    long now = clock.millis();
    add(userKey(username, address), now);
    add(addressKey(address), now);
  }

  public void succeeded(String username, String address) {
    failures.remove(userKey(username, address));
  }

  private long waitFor(String key, int max, long now) {
    Deque<Long> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      prune(times, now);
      if (times.size() < max) {
        return 0;
      }
      return times.peekFirst() + window.toMillis() - now;
    }
  }

  private void add(String key, long now) {
    Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
      while (times.size() > Math.max(maxPerUser, maxPerAddress)) {
        times.removeFirst();
      }
    }
    if (failures.size() > 100_000) {
      failures
          .entrySet()
          .removeIf(
              e -> {
                synchronized (e.getValue()) {
                  prune(e.getValue(), now);
                  return e.getValue().isEmpty();
                }
              });
    }
  }

  private void prune(Deque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() <= now - window.toMillis()) {
      times.removeFirst();
    }
  }

  private static String userKey(String username, String address) {
    return "u:"
        + (username == null ? "" : username.toLowerCase(java.util.Locale.ROOT))
        + "@"
        + address;
  }

  private static String addressKey(String address) {
    return "a:" + address;
  }

  /** The filter that refuses throttled attempts before the password is even checked. */
  OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String username = attemptedUsername(request);
        if (username != null) {
          long retryAfter = retryAfterSeconds(username, request.getRemoteAddr());
          if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
            Problems.write(
                response,
                429,
                "Too Many Requests",
                "Too many failed sign-ins: try again in " + retryAfter + " seconds.");
            return;
          }
        }
        chain.doFilter(request, response);
      }
    };
  }

  /** The user name a request tries to sign in with: the sign-in form's, or HTTP Basic's. */
  static String attemptedUsername(HttpServletRequest request) {
    if ("POST".equals(request.getMethod()) && "/api/auth/login".equals(request.getServletPath())) {
      String username = request.getParameter("username");
      return username == null ? "" : username;
    }
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
      } catch (IllegalArgumentException malformed) {
        return "";
      }
    }
    return null;
  }
}
