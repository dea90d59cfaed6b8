package life.suoke.ops.backend.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The validator that works against any engine: Zeebe's model API with its design-time validators
 * for BPMN, well-formed DMN XML, a form's JSON with an {@code id}. Used when the engine is not the
 * embedded one (the embedded engine's own transformer comes first, see {@link ModelValidator}).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ModelApiValidator implements ModelValidator {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public List<ModelProblem> validate(String resourceName, byte[] content) {
    String lower = resourceName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".form")) {
      return validateForm(resourceName, content);
    }
    if (lower.endsWith(".dmn")) {
      return validateXml(resourceName, content);
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    } catch (RuntimeException e) {
      return List.of(new ModelProblem(resourceName, null, rootMessage(e)));
    }
    List<ModelProblem> problems = new ArrayList<>();
    model
        .validate(ZeebeDesignTimeValidators.VALIDATORS)
        .getResults()
        .forEach(
            (element, results) ->
                results.forEach(
                    r -> {
                      if (r.getType() == ValidationResultType.ERROR) {
                        problems.add(new ModelProblem(resourceName, idOf(element), r.getMessage()));
                      }
                    }));
    return problems;
  }

  /** A form file: JSON with a string {@code id} (what the engine keys forms by). */
  static List<ModelProblem> validateForm(String resourceName, byte[] content) {
    try {
      JsonNode form = JSON.readTree(content);
      if (form == null || !form.isObject()) {
        return List.of(new ModelProblem(resourceName, null, "a form is a JSON object"));
      }
      if (!form.path("id").isTextual() || form.path("id").asText().isBlank()) {
        return List.of(new ModelProblem(resourceName, null, "a form needs an 'id'"));
      }
      return List.of();
    } catch (java.io.IOException e) {
      return List.of(new ModelProblem(resourceName, null, "not JSON: " + e.getMessage()));
    }
  }

  private static List<ModelProblem> validateXml(String resourceName, byte[] content) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      var root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(content))
              .getDocumentElement();
      if (!"definitions".equals(root.getLocalName())) {
        return List.of(
            new ModelProblem(resourceName, null, "a DMN file's root element is 'definitions'"));
      }
      return List.of();
    } catch (Exception e) {
      return List.of(new ModelProblem(resourceName, null, "not DMN XML: " + e.getMessage()));
    }
  }

  private static String idOf(ModelElementInstance element) {
    for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
      String id = e.getAttributeValue("id");
      if (id != null && !id.isBlank()) {
        return id;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
