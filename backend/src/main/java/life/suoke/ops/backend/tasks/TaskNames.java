package life.suoke.ops.backend.tasks;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.SearchResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The names user tasks can have: those of the user task elements of every deployed process (an
 * element without a name gives its id, as the task's name then is). The text filter of the inbox
 * turns "name contains x" into "name is one of these", which the Camunda client's filter can say.
 * Each definition's XML is read once; the list of definitions at most every few seconds.
 */
@Component
class TaskNames {

  private static final long REFRESH_MILLIS = 2_000;

  private final CamundaClient client;
  private final Map<Long, Set<String>> namesByDefinition = new ConcurrentHashMap<>();
  private volatile long refreshedAt;

  TaskNames(CamundaClient client) {
    this.client = client;
  }

  /** The task names that contain {@code text}, ignoring case. */
  Set<String> containing(String text) {
    refreshIfStale();
    String needle = text.toLowerCase(Locale.ROOT);
    Set<String> matching = new TreeSet<>();
    for (Set<String> names : namesByDefinition.values()) {
      for (String name : names) {
        if (name.toLowerCase(Locale.ROOT).contains(needle)) {
          matching.add(name);
        }
      }
    }
    return matching;
  }

  private void refreshIfStale() {
    long now = System.currentTimeMillis();
    if (now - refreshedAt < REFRESH_MILLIS) {
      return;
    }
    synchronized (this) {
      if (now - refreshedAt < REFRESH_MILLIS) {
        return;
      }
      int from = 0;
      while (true) {
        int start = from;
        SearchResponse<ProcessDefinition> page =
            client
                .newProcessDefinitionSearchRequest()
                .sort(s -> s.processDefinitionKey().asc())
                .page(p -> p.from(start).limit(500))
                .send()
                .join();
        for (ProcessDefinition definition : page.items()) {
          namesByDefinition.computeIfAbsent(definition.getProcessDefinitionKey(), this::read);
        }
        from += page.items().size();
        if (page.items().size() < 500) {
          break;
        }
      }
      refreshedAt = System.currentTimeMillis();
    }
  }

  private Set<String> read(long definitionKey) {
    try {
      return userTaskNames(client.newProcessDefinitionGetXmlRequest(definitionKey).send().join());
    } catch (ProblemException e) {
      if (e.code() == 404) {
        return Set.of(); // deleted since the search listed it: it has no tasks to name any more
      }
      throw e;
    }
  }

  static Set<String> userTaskNames(String xml) {
    Set<String> names = new TreeSet<>();
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      NodeList tasks =
          builder
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getElementsByTagNameNS("*", "userTask");
      for (int i = 0; i < tasks.getLength(); i++) {
        Element task = (Element) tasks.item(i);
        String name = task.getAttribute("name");
        names.add(name == null || name.isBlank() ? task.getAttribute("id") : name);
      }
    } catch (Exception e) {
      // a definition that cannot be read adds no names
    }
    return names;
  }
}
