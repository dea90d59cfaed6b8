package life.suoke.ops.engine.gateway.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 server of the REST gateway, on Netty's HTTP codec: a few event-loop threads serve
 * every keep-alive connection without blocking (commands answer through futures), which measured
 * several times the request rate of the JDK's HttpServer with a thread pool on two cores.
 */
public final class RestServer implements AutoCloseable {

  /**
   * Largest request body; Camunda's default limit for deployments is 4 MB, with room for multipart
   * framing.
   */
  static final int MAX_CONTENT_LENGTH = 8 * 1024 * 1024;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel channel;

  private RestServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.channel = channel;
  }

  /** Binds to {@code host:port} (0 picks a free port). */
  public static RestServer start(String host, int port, Router router, String authToken) {
    EventLoopGroup boss =
        new NioEventLoopGroup(1, new DefaultThreadFactory("suoke-rest-accept", true));
    EventLoopGroup workers =
        new NioEventLoopGroup(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("suoke-rest", true));
    AccessGuard guard = new AccessGuard(authToken);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(NioServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.SO_KEEPALIVE, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(MAX_CONTENT_LENGTH))
                          .addLast(new RestChannelHandler(router, guard));
                    }
                  })
              .bind(new InetSocketAddress(InetAddress.getByName(host), port))
              .sync()
              .channel();
      return new RestServer(boss, workers, channel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdown(boss, workers);
      throw new IllegalStateException("interrupted while starting the REST gateway", e);
    } catch (Exception e) {
      shutdown(boss, workers);
      throw new IllegalStateException(
          "The engine's REST gateway could not start on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    shutdown(boss, workers);
  }

  private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
