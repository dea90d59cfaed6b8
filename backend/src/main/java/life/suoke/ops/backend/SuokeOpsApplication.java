package life.suoke.ops.backend;

import life.suoke.ops.backend.audit.AuditCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Suoke Ops application: API, domain, audit and, in the default mode, its embedded runtimes.
 * Component scanning covers the backend and the job workers of module {@code workers}.
 */
@SpringBootApplication(scanBasePackages = {"life.suoke.ops.backend", "life.suoke.ops.workers"})
@ConfigurationPropertiesScan
public class SuokeOpsApplication {

  public static void main(String[] args) {
    if (AuditCommandLine.handles(args)) {
      // java -jar suoke-ops.jar audit verify: a command, not the application
      System.exit(AuditCommandLine.run(args, System.out, System.err));
    }
    SpringApplication.run(SuokeOpsApplication.class, args);
  }
}
