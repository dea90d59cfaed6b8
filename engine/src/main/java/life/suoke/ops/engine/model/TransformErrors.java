package life.suoke.ops.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import life.suoke.ops.engine.model.DeploymentRejectedException.ValidationError;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The errors found in a BPMN resource, each once, reported in document order (then in the order
 * found) as one {@link DeploymentRejectedException}.
 */
final class TransformErrors {

  private record Entry(List<Integer> order, int sequence, ValidationError error) {}

  private final String resourceName;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> lines = new HashSet<>();
  private final Set<String> reportedUnsupported = new HashSet<>();

  TransformErrors(String resourceName) {
    this.resourceName = resourceName;
  }

  void add(ModelElementInstance element, String message) {
    String id = null;
    Deque<String> path = new ArrayDeque<>();
    for (ModelElementInstance anchor = element;
        anchor != null;
        anchor = anchor.getParentElement()) {
      path.addFirst(anchor.getElementType().getTypeName());
      String anchorId = anchor.getAttributeValue("id");
      if (anchorId != null && !anchorId.isBlank()) {
        id = anchorId;
        break;
      }
    }
    String type = id != null ? String.join(" > ", path) : element.getElementType().getTypeName();
    ValidationError error = new ValidationError(resourceName, id, type, message);
    if (lines.add(error.line())) {
      entries.add(new Entry(documentOrder(element), entries.size(), error));
    }
    if (message.contains("not supported")) {
      reportedUnsupported.add(error.elementId() + "/" + type);
    }
  }

  /** Reports an unsupported element, unless Zeebe's validators already said so. */
  void addUnsupported(BaseElement element, String message) {
    String key = element.getId() + "/" + element.getElementType().getTypeName();
    if (!reportedUnsupported.contains(key)) {
      add(element, message);
    }
  }

  void throwIfAny() {
    if (entries.isEmpty()) {
      return;
    }
    entries.sort(
        Comparator.<Entry, List<Integer>>comparing(Entry::order, TransformErrors::compareOrder)
            .thenComparingInt(Entry::sequence));
    throw new DeploymentRejectedException(
        resourceName, entries.stream().map(Entry::error).toList());
  }

  private static List<Integer> documentOrder(ModelElementInstance element) {
    Deque<Integer> order = new ArrayDeque<>();
    DomElement dom = element.getDomElement();
    while (dom != null && dom.getParentElement() != null) {
      DomElement parent = dom.getParentElement();
      order.addFirst(parent.getChildElements().indexOf(dom));
      dom = parent;
    }
    return new ArrayList<>(order);
  }

  private static int compareOrder(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
