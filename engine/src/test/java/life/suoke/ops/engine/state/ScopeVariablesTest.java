package life.suoke.ops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeVariablesTest {

  @Test
  void variablesKeepTheirCreationOrderAndAReplacedValueKeepsItsPlace() {
    ScopeVariables scope = new ScopeVariables();
    scope.set(new Variable(1, "a", "1"));
    scope.set(new Variable(2, "b", "\"two\""));
    scope.set(new Variable(3, "c", "true"));
    scope.set(new Variable(2, "b", "\"zwei\""));
    assertThat(scope.keySet()).containsExactly("a", "b", "c");
    assertThat(scope.get("b")).isEqualTo(new Variable(2, "b", "\"zwei\""));
    assertThat(scope.get("b").value()).isEqualTo("zwei");
    assertThat(scope.containsKey("c")).isTrue();
    assertThat(scope.containsKey("d")).isFalse();
    assertThat(scope.get("d")).isNull();
    assertThat(scope).hasSize(3);
  }

  @Test
  void aScopeWithManyVariablesFindsEachByName() {
    ScopeVariables scope = new ScopeVariables();
    for (int i = 0; i < 100; i++) {
      scope.set(new Variable(i, "v" + i, Integer.toString(i)));
    }
    scope.set(new Variable(1000, "v7", "\"seven\""));
    assertThat(scope).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(scope.get("v" + i).key()).isEqualTo(i == 7 ? 1000 : i);
    }
    List<String> names = new ArrayList<>(scope.keySet());
    assertThat(names.get(0)).isEqualTo("v0");
    assertThat(names.get(7)).isEqualTo("v7");
    assertThat(names.get(99)).isEqualTo("v99");
    assertThat(scope.get("v7").value()).isEqualTo("seven");
  }

  @Test
  void callersCannotChangeTheScope() {
    ScopeVariables scope = new ScopeVariables();
    scope.set(new Variable(1, "a", "1"));
    assertThatThrownBy(() -> scope.put("b", new Variable(2, "b", "2")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> scope.entrySet().iterator().next().setValue(null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
