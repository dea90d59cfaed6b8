package life.suoke.ops.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.impl.nio.client.HttpAsyncClientBuilder;
import org.elasticsearch.client.RestClient;

/**
 * What the Elasticsearch Java client needs to talk to OpenSearch, in one place. The client sends
 * Elasticsearch's versioned media type, which OpenSearch rejects, and refuses any response without
 * Elasticsearch's product header, which OpenSearch does not send: {@link #requestInterceptor()} and
 * {@link #responseInterceptor()} on the HTTP client below it make the difference disappear. The
 * backend installs them through Spring Boot's client configuration ({@code
 * OpenSearchCompatibility}); code without Spring takes a whole client from {@link #client}.
 */
public final class OpenSearchHttp {

  static final String JSON = "application/json";
  public static final String PRODUCT_HEADER = "X-Elastic-Product";

  private OpenSearchHttp() {}

  /** Sends plain JSON media types instead of Elasticsearch's versioned ones. */
  public static HttpRequestInterceptor requestInterceptor() {
    return (request, context) -> {
      if (request.containsHeader(HttpHeaders.CONTENT_TYPE)) {
        request.setHeader(HttpHeaders.CONTENT_TYPE, JSON);
      }
      request.setHeader(HttpHeaders.ACCEPT, JSON);
    };
  }

  /** Marks every response as Elasticsearch's, as the client insists. */
  public static HttpResponseInterceptor responseInterceptor() {
    return (response, context) -> {
      if (!response.containsHeader(PRODUCT_HEADER)) {
        response.addHeader(PRODUCT_HEADER, "Elasticsearch");
      }
    };
  }

  /** Adds both interceptors to an HTTP client being built. */
  public static HttpAsyncClientBuilder apply(HttpAsyncClientBuilder http) {
    return http.addInterceptorLast(requestInterceptor()).addInterceptorLast(responseInterceptor());
  }

  /**
   * An Elasticsearch client for the OpenSearch node at {@code httpUri} (e.g. {@link
   * EmbeddedSearchNode#httpUri()}). Closing its transport ({@code client._transport().close()})
   * closes the HTTP client.
   */
  public static ElasticsearchClient client(String httpUri) {
    RestClient rest =
        RestClient.builder(HttpHost.create(httpUri))
            .setHttpClientConfigCallback(OpenSearchHttp::apply)
            .build();
    return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }
}
