package life.suoke.ops.backend.search;

import org.apache.http.HttpHeaders;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.elasticsearch.RestClientBuilderCustomizer;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.stereotype.Component;

/**
 * Lets the Elasticsearch Java client talk to OpenSearch, and is the only place that knows the
 * difference. The client sends Elasticsearch's versioned media type, which OpenSearch rejects,
 * and refuses any response without Elasticsearch's product header, which OpenSearch does not
 * send. Active only when {@code suoke.search.flavor=opensearch} (the embedded default); against
 * Elasticsearch the client runs untouched.
 */
@Component
@ConditionalOnProperty(name = "suoke.search.flavor", havingValue = "opensearch", matchIfMissing = true)
public class OpenSearchCompatibility implements RestClientBuilderCustomizer {

  static final String JSON = "application/json";
  static final String PRODUCT_HEADER = "X-Elastic-Product";

  @Override
  public void customize(RestClientBuilder builder) {
    // Everything happens on the HTTP client below.
  }

  @Override
  public void customize(HttpAsyncClientBuilder builder) {
    builder.addInterceptorLast(requestInterceptor());
    builder.addInterceptorLast(responseInterceptor());
  }

  static HttpRequestInterceptor requestInterceptor() {
    return (request, context) -> {
      if (request.containsHeader(HttpHeaders.CONTENT_TYPE)) {
        request.setHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
      request.setHeader(HttpHeaders.ACCEPT, JSON);
    };
  }

  static HttpResponseInterceptor responseInterceptor() {
    return (response, context) -> {
      if (!response.containsHeader(PRODUCT_HEADER)) {
        response.addHeader(PRODUCT_HEADER, "Elasticsearch");
      }
    };
  }
}
