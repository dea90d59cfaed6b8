package life.suoke.ops.bench;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;

/**
 * Counts every request the Camunda client sends, by kind, as it leaves the client: a gRPC
 * interceptor for the gRPC transport and an HTTP exec-chain handler for REST. Nothing is inferred
 * from the benchmark's own bookkeeping, so the worker's polls and the client's retries count too.
 */
final class CallCounter implements ClientInterceptor, AsyncExecChainHandler {

  /** The kinds of request the summary reports. */
  enum Kind {
    CREATE,
    ACTIVATE,
    COMPLETE,
    STREAM,
    DEPLOY,
    OTHER
  }

  private final Map<String, LongAdder> byName = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    count(method.getBareMethodName());
    return next.newCall(method, options);
  }

  @Override
  public void execute(
      HttpRequest request,
      AsyncEntityProducer entity,
      AsyncExecChain.Scope scope,
      AsyncExecChain chain,
      AsyncExecCallback callback)
      throws HttpException, IOException {
    count(request.getMethod() + " " + normalise(request.getPath()));
    chain.proceed(request, entity, scope, callback);
  }

  private void count(String name) {
    byName.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  /** REST paths with their keys replaced: POST /v2/jobs/{key}/completion. */
  private static String normalise(String path) {
    int query = path.indexOf('?');
    String p = query >= 0 ? path.substring(0, query) : path;
    return p.replaceAll("/[0-9]+(?=/|$)", "/{key}");
  }

  static Kind kindOf(String name) {
    return switch (name) {
      case "CreateProcessInstance",
          "CreateProcessInstanceWithResult",
          "POST /v2/process-instances" ->
          Kind.CREATE;
      case "ActivateJobs", "POST /v2/jobs/activation" -> Kind.ACTIVATE;
      case "CompleteJob", "POST /v2/jobs/{key}/completion" -> Kind.COMPLETE;
      case "StreamActivatedJobs" -> Kind.STREAM;
      case "DeployResource", "DeployProcess", "POST /v2/deployments" -> Kind.DEPLOY;
      default -> Kind.OTHER;
    };
  }

  /** Requests sent so far, by name (sorted). */
  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    byName.forEach((name, n) -> copy.put(name, n.sum()));
    return copy;
  }

  static long sum(Map<String, Long> snapshot, Kind kind) {
    return snapshot.entrySet().stream()
        .filter(e -> kindOf(e.getKey()) == kind)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  static Map<String, Long> delta(Map<String, Long> later, Map<String, Long> earlier) {
    Map<String, Long> d = new TreeMap<>();
    later.forEach((name, n) -> d.put(name, n - earlier.getOrDefault(name, 0L)));
    return d;
  }
}
