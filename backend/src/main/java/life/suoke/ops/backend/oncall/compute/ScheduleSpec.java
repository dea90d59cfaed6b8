package life.suoke.ops.backend.oncall.compute;

import java.util.List;

/**
 * Everything the final schedule is computed from.
 *
 * @param layers lowest first: a higher layer wins wherever it is on duty
 * @param overrides win over every layer; of two overlapping ones the later in the list wins
 * @param leaves the people away, for layers that skip people on leave
 */
public record ScheduleSpec(
    List<LayerSpec> layers, List<PersonRange> overrides, List<PersonRange> leaves) {

  public ScheduleSpec {
    layers = List.copyOf(layers);
    overrides = overrides == null ? List.of() : List.copyOf(overrides);
    leaves = leaves == null ? List.of() : List.copyOf(leaves);
  }
}
