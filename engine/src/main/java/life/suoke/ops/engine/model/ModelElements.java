package life.suoke.ops.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import java.util.Collection;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/** Small reads of BPMN model elements shared by the checks and the transformation. */
final class ModelElements {

  private ModelElements() {}

  static <T extends ModelElementInstance> T extension(BaseElement element, Class<T> type) {
    ExtensionElements extensionElements = element.getExtensionElements();
    if (extensionElements == null) {
      return null;
    }
    Collection<T> found = extensionElements.getChildElementsByType(type);
    return found.isEmpty() ? null : found.iterator().next();
  }

  /** An optional attribute: absent or empty means "not set". */
  static Expression optional(String attribute) {
    return attribute == null || attribute.isBlank() ? null : Expression.parse(attribute);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
