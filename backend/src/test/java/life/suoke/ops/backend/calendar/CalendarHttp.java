package life.suoke.ops.backend.calendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import life.suoke.ops.backend.support.Browser;

/**
 * The requests {@code ApiClient} does not make: iCalendar uploads (multipart and text/calendar) and
 * a plain-text GET.
 */
final class CalendarHttp {

  private final URI base;
  private final String authorization;
  private final HttpClient http = HttpClient.newHttpClient();

  CalendarHttp(int port, String username, String password) {
    this.base = URI.create("http://localhost:" + port);
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Uploads {@code content} as the multipart field {@code field} with a file name, as a browser
   * form does.
   */
  Browser.Response upload(String path, String field, String fileName, String content) {
    String boundary = "----calendar-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(body, "--" + boundary + "\r\n");
    write(
        body,
        "Content-Disposition: form-data; name=\""
            + field
            + "\"; filename=\""
            + fileName
            + "\"\r\n");
    write(body, "Content-Type: text/calendar\r\n\r\n");
    write(body, content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /** Posts {@code content} as a {@code text/calendar} body. */
  Browser.Response postCalendar(String path, String content) {
    return send(
        request(path)
            .header("Content-Type", "text/calendar; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8))
            .build());
  }

  Browser.Response getText(String path) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", authorization)
            .GET()
            .build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Accept", "application/json")
        .header("Authorization", authorization);
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private Browser.Response send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Browser.Response(
          response.statusCode(),
          new String(response.body(), StandardCharsets.UTF_8),
          response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
