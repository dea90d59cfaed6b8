package life.suoke.ops.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node OpenSearch (Apache-2.0) running inside this JVM, bound to loopback, with its data
 * in a directory of ours. The application talks to it over HTTP through the Elasticsearch client,
 * exactly as it would talk to an external cluster.
 */
public final class EmbeddedSearchNode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSearchNode.class);
  private static final String NODE_NAME = "suoke-ops-search";

  private final Node node;
  private final TransportAddress httpAddress;

  private EmbeddedSearchNode(Node node, TransportAddress httpAddress) {
    this.node = node;
    this.httpAddress = httpAddress;
  }

  public static EmbeddedSearchNode start(Path dir, int httpPort) throws IOException {
    // Netty's processor count is process-wide and may already be set by another Netty user in
    // this JVM (the engine's gRPC server); the node must not insist on setting it again.
    System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
    Path home = dir.toAbsolutePath();
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("logs"));
    Settings settings =
        Settings.builder()
            .put("cluster.name", "suoke-ops")
            .put("node.name", NODE_NAME)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort > 0 ? Integer.toString(httpPort) : "0")
            .put("transport.port", "0")
            // One node holds every shard: replicas could never be assigned.
            .put("cluster.default_number_of_replicas", 0)
            // A nearly full developer disk must not turn the audit index read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> NODE_NAME);
    Node node =
        new PluginNode(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class));
    try {
      node.start();
      node.client()
          .admin()
          .cluster()
          .prepareHealth()
          .setWaitForYellowStatus()
          .setTimeout(TimeValue.timeValueSeconds(60))
          .get();
    } catch (NodeValidationException | RuntimeException e) {
      node.close();
      throw new IOException(
          "Embedded search node in " + home + " did not start: " + e.getMessage(), e);
    }
    TransportAddress address =
        node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
    log.info("Embedded search node listening on {}, data in {}", address, home);
    return new EmbeddedSearchNode(node, address);
  }

  public String httpUri() {
    return "http://" + httpAddress.getAddress() + ":" + httpAddress.getPort();
  }

  @Override
  public void close() throws IOException {
    node.close();
    try {
      node.awaitClose(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Node's constructor that takes classpath plugins is protected. */
  private static final class PluginNode extends Node {
    PluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
      super(environment, plugins, true);
    }
  }
}
