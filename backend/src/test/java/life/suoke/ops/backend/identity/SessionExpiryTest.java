package life.suoke.ops.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import life.suoke.ops.backend.ApplicationTest;
import life.suoke.ops.backend.support.Browser;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * A browser session lasts {@code server.servlet.session.timeout} (30 minutes) without a request;
 * once the server expires it, the same cookie is signed out and the API answers 401.
 */
class SessionExpiryTest extends ApplicationTest {

  @LocalServerPort int port;
  @Autowired UserDirectory directory;
  @Autowired ServletWebServerApplicationContext context;

  @Test
  void anExpiredSessionIsSignedOut() throws Exception {
    String user = newUser(directory, "sleeper", "tier1-oncall");
    Browser browser = new Browser(port);
    assertThat(browser.signIn(user, PASSWORD).status()).isEqualTo(200);
    assertThat(browser.get("/api/me").status()).isEqualTo(200);

    Session session = tomcatContext().getManager().findSession(browser.cookie("JSESSIONID"));
    assertThat(session).isNotNull();
    assertThat(Duration.ofSeconds(session.getMaxInactiveInterval()))
        .isEqualTo(Duration.ofMinutes(30));

    session.expire();

    assertThat(browser.get("/api/me").status()).isEqualTo(401);
  }

  private Context tomcatContext() {
    TomcatWebServer server = (TomcatWebServer) context.getWebServer();
    return (Context) server.getTomcat().getHost().findChildren()[0];
  }
}
