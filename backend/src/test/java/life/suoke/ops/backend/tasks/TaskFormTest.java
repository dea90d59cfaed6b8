package life.suoke.ops.backend.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import life.suoke.ops.backend.api.ApiProblem.FieldError;
import org.junit.jupiter.api.Test;

/**
 * The form-js schema reading of {@link TaskForm}: nesting, lists, dynamic options, conditions,
 * masking.
 */
class TaskFormTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static final String SCHEMA =
      """
      {"components": [
        {"type": "textfield", "key": "owner.name", "validate": {"required": true}},
        {"type": "radio", "key": "team", "valuesKey": "teams", "validate": {"required": true}},
        {"type": "textarea", "key": "reason", "conditional": {"hide": "=approved"}, "validate": {"required": true}},
        {"type": "datetime", "key": "at", "subtype": "datetime"},
        {"type": "datetime", "key": "time", "subtype": "time"},
        {"type": "number", "key": "cost", "decimalDigits": 2, "serializeToString": true},
        {"type": "taglist", "key": "tags", "values": [{"label": "A", "value": "a"}]},
        {"type": "dynamiclist", "path": "steps", "components": [
          {"type": "textfield", "key": "title", "validate": {"required": true}},
          {"type": "textfield", "key": "secret", "properties": {"sensitive": "true"}}
        ]},
        {"type": "group", "components": [
          {"type": "checkbox", "key": "approved"},
          {"type": "expression", "key": "total", "expression": "=1 + 1"}
        ]}
      ]}""";

  static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void validatesNestedKeysListsAndDynamicOptions() throws Exception {
    TaskForm form = TaskForm.parse(json(SCHEMA));
    assertThat(
            form.validate(
                json(
                    """
        {"owner": {"name": "Li"}, "team": "any-team-from-the-variables", "at": "2026-11-20T10:00:00+08:00",
         "time": "09:30", "cost": "12.50", "tags": ["a"], "approved": true, "total": 2,
         "steps": [{"title": "one", "secret": "x"}, {"title": "two"}]}""")))
        .isEmpty();

    assertThat(
            fields(
                form.validate(
                    json(
                        """
        {"owner": {"nick": "x"}, "team": ["a"], "at": "tomorrow", "time": "9h", "cost": "12.345", "tags": ["b"],
         "steps": [{"secret": "x"}, 3], "approved": "no"}"""))))
        .containsExactlyInAnyOrder(
            "variables.owner.nick",
            "variables.owner.name",
            "variables.team",
            "variables.at",
            "variables.time",
            "variables.cost",
            "variables.tags",
            "variables.steps[0].title",
            "variables.steps[1]",
            "variables.approved");
  }

  @Test
  void aFieldThatMayBeHiddenIsNotRequiredButIsStillChecked() throws Exception {
    TaskForm form = TaskForm.parse(json(SCHEMA));
    assertThat(fields(form.validate(json("{\"owner\": {\"name\": \"Li\"}, \"team\": \"t\"}"))))
        .isEmpty();
    assertThat(
            fields(
                form.validate(
                    json("{\"owner\": {\"name\": \"Li\"}, \"team\": \"t\", \"reason\": 5}"))))
        .containsExactly("variables.reason");
  }

  @Test
  void masksSensitiveFieldsInsideLists() throws Exception {
    TaskForm form = TaskForm.parse(json(SCHEMA));
    JsonNode masked =
        form.masked(
            json("{\"steps\": [{\"title\": \"one\", \"secret\": \"s1\"}, {\"title\": \"two\"}]}"));
    assertThat(masked.path("steps").get(0).path("secret").asText()).isEqualTo("***");
    assertThat(masked.path("steps").get(0).path("title").asText()).isEqualTo("one");
    assertThat(masked.path("steps").get(1).has("secret")).isFalse();
  }

  @Test
  void userTaskNamesComeFromTheModel() {
    String xml =
        """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p">
          <userTask id="Named" name="Approve the change"/><userTask id="Unnamed"/><serviceTask id="s" name="Not a task"/>
        </process></definitions>""";
    assertThat(TaskNames.userTaskNames(xml))
        .containsExactlyInAnyOrder("Approve the change", "Unnamed");
  }
}
