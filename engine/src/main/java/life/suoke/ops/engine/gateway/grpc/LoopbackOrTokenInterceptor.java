package life.suoke.ops.engine.gateway.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Without configured credentials the engine answers only callers on this machine (loopback); with a
 * token, every call must carry it as {@code Authorization: Bearer <token>}.
 */
public final class LoopbackOrTokenInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final byte[] token;

  public LoopbackOrTokenInterceptor(String token) {
    this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (token == null) {
      SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
      if (!(remote instanceof InetSocketAddress address)
          || !address.getAddress().isLoopbackAddress()) {
        call.close(
            Status.PERMISSION_DENIED.withDescription(
                "This engine accepts calls from this machine only unless credentials are configured"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return next.startCall(call, headers);
    }
    String authorization = headers.get(AUTHORIZATION);
    byte[] presented =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7).getBytes(StandardCharsets.UTF_8)
            : new byte[0];
    if (!MessageDigest.isEqual(token, presented)) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("Expected a valid bearer token"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
