package life.suoke.ops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

  /** The short path for scalars must give exactly what the parser gives: same value, same type. */
  @Test
  void scalarsReadTheWayTheParserReadsThem() throws Exception {
    for (String json :
        List.of(
            "true",
            "false",
            "null",
            "0",
            "-0",
            "7",
            "-42",
            "123456789",
            "-123456789",
            "1234567890",
            "2147483648",
            "99999999999999999999",
            "1.5",
            "-0.25",
            "1e3",
            "\"\"",
            "\"INC-20261204-0001\"",
            "\"索克生活\"",
            "\"a\\\"b\"",
            "\"line\\nbreak\"",
            "\"\\u00e9\"",
            "[1,\"two\"]",
            "{\"a\":{\"b\":[true,null]}}",
            " 5",
            "5 ",
            "\"x\" ")) {
      Object expected = JsonValues.mapper().readValue(json, Object.class);
      Object actual = JsonValues.read(json);
      assertThat(actual).as(json).isEqualTo(expected);
      if (expected != null) {
        assertThat(actual.getClass()).as(json).isEqualTo(expected.getClass());
      }
    }
  }

  @Test
  void textThatIsNotJsonIsRefusedAsBefore() {
    for (String json : List.of("", "-", "01", "\"unterminated", "\"raw\ttab\"", "tru", "1-2")) {
      assertThatThrownBy(() -> JsonValues.read(json))
          .as(json)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void eachReadIsAFreshCopy() {
    Variable variable = new Variable(1, "items", "[1,2]");
    @SuppressWarnings("unchecked")
    List<Object> first = (List<Object>) variable.value();
    first.add(3);
    assertThat(variable.value()).isEqualTo(List.of(1, 2));
  }
}
