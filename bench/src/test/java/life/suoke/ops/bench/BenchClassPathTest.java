package life.suoke.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.nio.file.Files;
import java.nio.file.Path;
import life.suoke.ops.search.EmbeddedSearchNode;
import life.suoke.ops.search.OpenSearchHttp;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' class path differs from the application's and from module {@code search}'s own
 * tests: it has the benchmarks' logging (SLF4J's simple logger, and the bridges the engine's and
 * the clients' dependencies bring). The {@code export} benchmark starts the search node on it,
 * which failed once without anyone noticing: the node configures its loggers through log4j-core and
 * cannot when another provider has taken the log4j API.
 */
class BenchClassPathTest {

  @Test
  void theSearchNodeStartsAndIndexesOnTheBenchmarksClassPath() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    try (EmbeddedSearchNode node =
        EmbeddedSearchNode.start(Files.createTempDirectory(target, "bench-search-"), 0)) {
      ElasticsearchClient client = OpenSearchHttp.client(node.httpUri());
      try {
        client.index(i -> i.index("bench-check").id("1").document(java.util.Map.of("n", 1)));
        client.indices().refresh(r -> r.index("bench-check"));
        assertThat(client.count(c -> c.index("bench-check")).count()).isEqualTo(1);
      } finally {
        client._transport().close();
      }
    }
  }
}
