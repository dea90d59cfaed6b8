package life.suoke.ops.engine.gateway.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
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
 * several times the request rate of the JDK's HttpServer with a thread pool on two cores. On Linux
 * it runs on Netty's epoll transport (as the gRPC gateway does), elsewhere on NIO.
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
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup boss = group(epoll, 1, "suoke-rest-accept");
    EventLoopGroup workers =
        group(epoll, Math.max(2, Runtime.getRuntime().availableProcessors()), "suoke-rest");
    Class<? extends ServerChannel> channelType =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    AccessGuard guard = new AccessGuard(authToken);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(channelType)
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

  private static EventLoopGroup group(boolean epoll, int threads, String name) {
    DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
    return epoll
        ? new EpollEventLoopGroup(threads, threadFactory)
        : new NioEventLoopGroup(threads, threadFactory);
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
