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
 * element processor (nor the lifecycle that dispatches to them), and an element processor reaches
 * no element processor of another family.
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
