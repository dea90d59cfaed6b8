package life.suoke.ops.backend.search;

import life.suoke.ops.search.OpenSearchHttp;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets the Elasticsearch Java client talk to OpenSearch, and is the only place in the application
 * that knows the difference. The client sends Elasticsearch's versioned media type, which
 * OpenSearch rejects, and refuses any response without Elasticsearch's product header, which
 * OpenSearch does not send; the interceptors that fix both live with the search node, in {@link
 * OpenSearchHttp} (module {@code search}). Active only when {@code suoke.search.flavor=opensearch}
 * (the embedded default); against Elasticsearch the client runs untouched.
 */
@Component
@ConditionalOnProperty(
    name = "suoke.search.flavor",
    havingValue = "opensearch",
    matchIfMissing = true)
public class OpenSearchCompatibility implements RestClientBuilderCustomizer {

  @Override
  public void customize(RestClientBuilder builder) {
    // Everything happens on the HTTP client below.
  }

  @Override
  public void customize(HttpAsyncClientBuilder builder) {
    OpenSearchHttp.apply(builder);
  }
}
