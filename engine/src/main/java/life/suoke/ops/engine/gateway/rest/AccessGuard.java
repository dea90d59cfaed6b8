package life.suoke.ops.engine.gateway.rest;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The gateways' access rule over HTTP: without a configured token only callers on this machine
 * (loopback) are answered; with a token every request must carry {@code Authorization: Bearer
 * <token>}, from wherever it comes.
 */
final class AccessGuard {

  private final byte[] token;

  AccessGuard(String token) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /** Null if the request may proceed, otherwise the problem to answer with. */
  RestResponse check(SocketAddress remote, String authorization, String path) {
    if (token == null) {
      if (remote instanceof InetSocketAddress address
          && address.getAddress() != null
          && address.getAddress().isLoopbackAddress()) {
        return null;
      }
      return Problems.of(
          403,
          "FORBIDDEN",
          "This engine accepts calls from this machine only unless credentials are configured",
          path);
    }
    byte[] presented =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(token, presented)) {
      return Problems.of(
          401, "UNAUTHORIZED", "Expected a valid bearer token in the Authorization header", path);
    }
    return null;
  }
}
