package life.suoke.ops.engine.test;

/**
 * Picks the user task an assertion is about; see {@link UserTaskSelectors} for the usual ones. When
 * several user tasks match, assertions use the one created last.
 */
public interface UserTaskSelector {

  /** Whether the user task is one this selector picks. */
  boolean test(UserTaskSnapshot userTask);

  /** How failure messages name the selection, such as {@code elementId: review}. */
  String describe();
}
