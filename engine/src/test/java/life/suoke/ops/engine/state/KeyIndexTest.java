package life.suoke.ops.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyIndexTest {

  @Test
  void smallGroupsKeepInsertionOrderIgnoreDuplicatesAndVanishWhenEmpty() {
    KeyIndex<String> index = new KeyIndex<>();
    index.add("a", 3);
    index.add("a", 1);
    index.add("a", 2);
    index.add("a", 1);
    index.add("b", 9);
    assertThat(index.keys("a")).containsExactly(3L, 1L, 2L);
    index.remove("a", 1);
    assertThat(index.keys("a")).containsExactly(3L, 2L);
    index.remove("a", 42);
    assertThat(index.keys("a")).containsExactly(3L, 2L);
    index.remove("a", 3);
    index.remove("a", 2);
    assertThat(index.isEmpty("a")).isTrue();
    assertThat(index.keys("a")).isEmpty();
    assertThat(index.resolve("b", key -> "entity " + key)).containsExactly("entity 9");
  }

  @Test
  void aGroupGrowingPastTheSmallSizeKeepsEveryKeyInOrder() {
    KeyIndex<Long> index = new KeyIndex<>();
    List<Long> expected = new ArrayList<>();
    for (long key = 100; key < 100 + 3 * KeyIndex.SMALL; key++) {
      index.add(7L, key);
      expected.add(key);
      assertThat(index.keys(7L)).containsExactlyElementsOf(expected);
    }
    index.add(7L, 105);
    assertThat(index.keys(7L)).containsExactlyElementsOf(expected);
    for (long key : List.copyOf(expected)) {
      index.remove(7L, key);
      expected.remove(key);
      assertThat(index.keys(7L)).containsExactlyElementsOf(expected);
    }
    assertThat(index.isEmpty(7L)).isTrue();
  }

  @Test
  void removingFromTheMiddleOfASmallGroupShiftsTheRest() {
    KeyIndex<Long> index = new KeyIndex<>();
    for (long key = 1; key <= KeyIndex.SMALL; key++) {
      index.add(1L, key);
    }
    index.remove(1L, 4);
    index.add(1L, 99);
    assertThat(index.keys(1L)).containsExactly(1L, 2L, 3L, 5L, 6L, 7L, 8L, 99L);
    index.removeGroup(1L);
    assertThat(index.isEmpty(1L)).isTrue();
  }
}
