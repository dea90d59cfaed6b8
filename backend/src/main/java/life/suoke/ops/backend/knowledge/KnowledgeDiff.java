package life.suoke.ops.backend.knowledge;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff between two versions of a document (longest common subsequence of lines): the lines
 * both have ({@code equal}), those only the newer has ({@code added}) and those only the older has
 * ({@code removed}), in reading order. Texts beyond {@link #MAX_CELLS} line pairs are compared as a
 * whole (every old line removed, every new line added).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KnowledgeDiff(
    long documentId,
    int from,
    int to,
    List<Line> lines,
    boolean titleChanged,
    List<String> tagsAdded,
    List<String> tagsRemoved) {

  static final long MAX_CELLS = 4_000_000;

  /** One line of the diff. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Line(String op, String text) {}

  static List<Line> lines(String older, String newer) {
    String[] a = older.split("\n", -1);
    String[] b = newer.split("\n", -1);
    List<Line> out = new ArrayList<>();
    if ((long) a.length * b.length > MAX_CELLS) {
      for (String line : a) {
        out.add(new Line("removed", line));
      }
      for (String line : b) {
        out.add(new Line("added", line));
      }
      return out;
    }
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
            a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i].equals(b[j])) {
        out.add(new Line("equal", a[i]));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Line("removed", a[i++]));
      } else {
        out.add(new Line("added", b[j++]));
      }
    }
    while (i < a.length) {
      out.add(new Line("removed", a[i++]));
    }
    while (j < b.length) {
      out.add(new Line("added", b[j++]));
    }
    return out;
  }
}
