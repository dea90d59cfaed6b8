package life.suoke.ops.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.http.HttpHeaders;
import org.apache.http.HttpVersion;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.message.BasicHttpResponse;
import org.apache.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

class OpenSearchHttpTest {

  @Test
  void rewritesElasticsearchMediaTypesAndMarksResponses() throws Exception {
    var request = new BasicHttpEntityEnclosingRequest("POST", "/incidents/_search");
    request.setEntity(new StringEntity("{}"));
    request.setHeader(
        HttpHeaders.CONTENT_TYPE, "application/vnd.elasticsearch+json; compatible-with=8");
    request.setHeader(HttpHeaders.ACCEPT, "application/vnd.elasticsearch+json; compatible-with=8");
    OpenSearchHttp.requestInterceptor().process(request, new BasicHttpContext());
    assertThat(request.getFirstHeader(HttpHeaders.CONTENT_TYPE).getValue())
        .isEqualTo("application/json");
    assertThat(request.getHeaders(HttpHeaders.ACCEPT))
        .singleElement()
        .satisfies(h -> assertThat(h.getValue()).isEqualTo("application/json"));

    var response = new BasicHttpResponse(HttpVersion.HTTP_1_1, 200, "OK");
    OpenSearchHttp.responseInterceptor().process(response, new BasicHttpContext());
    assertThat(response.getFirstHeader("X-Elastic-Product").getValue()).isEqualTo("Elasticsearch");
  }

  @Test
  void leavesAProductHeaderThatIsThere() throws Exception {
    var response = new BasicHttpResponse(HttpVersion.HTTP_1_1, 200, "OK");
    response.addHeader(OpenSearchHttp.PRODUCT_HEADER, "Elasticsearch");
    OpenSearchHttp.responseInterceptor().process(response, new BasicHttpContext());
    assertThat(response.getHeaders(OpenSearchHttp.PRODUCT_HEADER)).hasSize(1);
  }
}
