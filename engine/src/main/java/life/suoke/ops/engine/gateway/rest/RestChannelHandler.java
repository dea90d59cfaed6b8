package life.suoke.ops.engine.gateway.rest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection: checks access, dispatches each request, and writes answers as they complete.
 * Answers come back on the connection's event loop (never on the engine's thread, which must not
 * spend time on JSON); when a client pipelines, answers are written in request order, as HTTP/1.1
 * requires, even if a later request completes first.
 */
final class RestChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(RestChannelHandler.class);

  private record Answer(FullHttpResponse response, boolean keepAlive) {}

  private final Router router;
  private final AccessGuard guard;
  private long nextSequence;
  private long nextToWrite;
  private final Map<Long, Answer> waiting = new HashMap<>();

  RestChannelHandler(Router router, AccessGuard guard) {
    this.router = router;
    this.guard = guard;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    long sequence = nextSequence++;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String path = new QueryStringDecoder(request.uri()).path();
    CompletableFuture<RestResponse> answer;
    if (!request.decoderResult().isSuccess()) {
      answer =
          CompletableFuture.completedFuture(
              Problems.of(400, "INVALID_ARGUMENT", "Malformed HTTP request", path));
    } else {
      RestResponse denied =
          guard.check(
              ctx.channel().remoteAddress(),
              request.headers().get(HttpHeaderNames.AUTHORIZATION),
              path);
      answer =
          denied != null
              ? CompletableFuture.completedFuture(denied)
              : router.dispatch(request, path);
    }
    if (answer.isDone()) {
      finish(ctx, sequence, keepAlive, path, answer.getNow(null), null);
    } else {
      answer.whenCompleteAsync(
          (response, failure) -> finish(ctx, sequence, keepAlive, path, response, failure),
          ctx.executor());
    }
  }

  private void finish(
      ChannelHandlerContext ctx,
      long sequence,
      boolean keepAlive,
      String path,
      RestResponse response,
      Throwable failure) {
    RestResponse answer = response != null ? response : Problems.from(failure, "", path);
    waiting.put(sequence, new Answer(encode(ctx, answer, keepAlive), keepAlive));
    boolean wrote = false;
    Answer next;
    while ((next = waiting.remove(nextToWrite)) != null) {
      nextToWrite++;
      wrote = true;
      if (next.keepAlive()) {
        ctx.write(next.response());
      } else {
        ctx.writeAndFlush(next.response()).addListener(ChannelFutureListener.CLOSE);
        return;
      }
    }
    if (wrote) {
      ctx.flush();
    }
  }

  private static FullHttpResponse encode(
      ChannelHandlerContext ctx, RestResponse answer, boolean keepAlive) {
    ByteBuf content;
    String contentType = answer.contentType();
    int status = answer.status();
    if (answer.json() != null) {
      content = ctx.alloc().buffer(256);
      try (ByteBufOutputStream out = new ByteBufOutputStream(content)) {
        RestJson.MAPPER.writeValue((java.io.OutputStream) out, answer.json());
      } catch (IOException | RuntimeException e) {
        content.release();
        log.warn("Could not write a REST answer as JSON", e);
        content =
            Unpooled.copiedBuffer(
                "{\"type\":\"about:blank\",\"title\":\"INTERNAL\",\"status\":500,\"detail\":\"The answer could not be written\"}",
                java.nio.charset.StandardCharsets.UTF_8);
        contentType = RestResponse.PROBLEM_JSON;
        status = 500;
      }
    } else if (answer.raw() != null) {
      content = Unpooled.wrappedBuffer(answer.raw());
    } else {
      content = Unpooled.EMPTY_BUFFER;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    waiting.values().forEach(a -> a.response().release());
    waiting.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("REST connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
