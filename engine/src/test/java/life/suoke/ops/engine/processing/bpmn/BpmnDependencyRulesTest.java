package life.suoke.ops.engine.processing.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What may call what in the BPMN processing, checked on the sources: the behaviours reach no
 * element processor (nor the lifecycle that dispatches to them), an element processor reaches no
 * element processor of another family, only the lifecycle writes the lifecycle records of element
 * instances, and failures are values that only their receivers turn into incidents.
 */
class BpmnDependencyRulesTest {

  private static final Path BPMN = Path.of("src/main/java/life/suoke/ops/engine/processing/bpmn");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?life\\.suoke\\.ops\\.engine\\.processing\\.bpmn\\.([\\w.]+);",
          Pattern.MULTILINE);

  @Test
  void behavioursUseNothingOfTheBpmnPackagesButEachOther() throws IOException {
    assertThat(importsOutside("behavior", "behavior.")).isEmpty();
  }

  @Test
  void elementProcessorsOfOneFamilyUseNoneOfAnother() throws IOException {
    for (String family : List.of("task", "gateway", "event", "container")) {
      List<String> foreign = new ArrayList<>();
      for (String imported : importsOutside(family, "behavior.")) {
        // the processor interfaces are theirs to implement; the families are apart
        if (!imported.equals("BpmnElementProcessor")
            && !imported.equals("BpmnContainerProcessor")) {
          foreign.add(imported);
        }
      }
      assertThat(foreign).as(family).isEmpty();
    }
  }

  @Test
  void onlyTheLifecycleWritesTheLifecycleRecordsOfElementInstances() throws IOException {
    // the intent constants (statically imported too), or their names as text
    Pattern lifecycleIntent =
        Pattern.compile(
            "(ProcessInstanceIntent\\.|\")"
                + "ELEMENT_(ACTIVATING|ACTIVATED|COMPLETING|COMPLETED|TERMINATING|TERMINATED)\\b");
    List<String> writers = new ArrayList<>();
    try (Stream<Path> files = Files.walk(BPMN.getParent())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (lifecycleIntent.matcher(Files.readString(file)).find()) {
          writers.add(BPMN.getParent().relativize(file).toString().replace('\\', '/'));
        }
      }
    }
    assertThat(writers).containsExactly("bpmn/BpmnElementLifecycle.java");
  }

  @Test
  void anExpressionFailureBecomesAnOutcomeInOnePlace() throws IOException {
    assertThat(sourcesContaining(BPMN, "catch (ExpressionFailure"))
        .containsExactly("behavior/Outcome.java");
  }

  @Test
  void incidentsAreRaisedOnlyWhereFailuresAreReceived() throws IOException {
    assertThat(sourcesContaining(BPMN.getParent(), ".raise("))
        .containsExactlyInAnyOrder(
            // the failures of an element's own steps
            "bpmn/BpmnElementLifecycle.java",
            // a listener that cannot be started: the element or user task transition waits
            "bpmn/behavior/ExecutionListenerBehavior.java",
            "bpmn/behavior/TaskListenerBehavior.java",
            // the container's failure while a child completes
            "bpmn/container/MultiInstanceBodyProcessor.java",
            "bpmn/behavior/AdHocSubProcessBehavior.java",
            // a job out of retries, an error nothing catches; the ad-hoc worker asked again
            "JobProcessor.java",
            "ProcessInstanceProcessor.java");
  }

  /** The sources under a directory that contain a text, relative to it. */
  private static List<String> sourcesContaining(Path root, String text) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (Files.readString(file).contains(text)) {
          found.add(root.relativize(file).toString().replace('\\', '/'));
        }
      }
    }
    return found;
  }

  /** The imports from the BPMN packages in a package's sources that do not start with a prefix. */
  private static List<String> importsOutside(String pkg, String allowedPrefix) throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.list(BPMN.resolve(pkg))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).toList();
    }
    assertThat(sources).as("sources of " + pkg).isNotEmpty();
    for (Path file : sources) {
      Matcher matcher = IMPORT.matcher(Files.readString(file));
      while (matcher.find()) {
        if (!matcher.group(1).startsWith(allowedPrefix)) {
          found.add(matcher.group(1));
        }
      }
    }
    return found;
  }
}
