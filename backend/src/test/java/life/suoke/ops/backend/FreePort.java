package life.suoke.ops.backend;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port on loopback that is free right now, for a server a test starts later. It is taken below
 * the kernel's ephemeral range (32768 and up on Linux), where the outgoing connections of the same
 * test (to PostgreSQL, to the search node) take their local ports: a port from that range can be
 * taken by such a connection between the pick and the server's bind.
 */
public final class FreePort {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;

  private FreePort() {}

  public static int pick() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new IllegalStateException(
        "no free port between " + FIRST + " and " + LAST + " on loopback");
  }
}
