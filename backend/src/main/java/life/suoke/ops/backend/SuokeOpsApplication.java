package life.suoke.ops.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Suoke Ops application: API, domain, audit and, in the default mode, its embedded runtimes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SuokeOpsApplication {

  public static void main(String[] args) {
    SpringApplication.run(SuokeOpsApplication.class, args);
  }
}
