package life.suoke.ops.backend.oncall.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the final schedule over random rotations, zones (with and without daylight saving)
 * and ranges.
 */
class ScheduleProperties {

  static final List<String> ZONES =
      List.of(
          "Asia/Shanghai",
          "America/New_York",
          "Europe/Berlin",
          "Australia/Lord_Howe",
          "America/Santiago",
          "UTC");
  static final LocalDate BASE = LocalDate.parse("2025-01-01");

  @Provide
  Arbitrary<Turn> turns() {
    return Arbitraries.oneOf(
        Arbitraries.just(Turn.DAILY),
        Arbitraries.just(Turn.WEEKLY),
        Arbitraries.integers().between(1, 24 * 10).map(h -> Turn.custom(Duration.ofHours(h))));
  }

  @Provide
  Arbitrary<List<Restriction>> restrictions() {
    Arbitrary<Restriction> one =
        Combinators.combine(
                Arbitraries.of(DayOfWeek.class).set().ofMaxSize(7),
                Arbitraries.integers().between(0, 47),
                Arbitraries.integers().between(0, 47))
            .as(
                (days, start, end) ->
                    new Restriction(
                        days,
                        LocalTime.of(start / 2, start % 2 * 30),
                        LocalTime.of(end / 2, end % 2 * 30)));
    return one.list().ofMaxSize(3);
  }

  @Provide
  Arbitrary<LayerSpec> fullLayers() {
    return layers(Arbitraries.just(List.of()));
  }

  @Provide
  Arbitrary<LayerSpec> restrictedLayers() {
    return layers(restrictions());
  }

  private Arbitrary<LayerSpec> layers(Arbitrary<List<Restriction>> restrictions) {
    return Combinators.combine(
            Arbitraries.strings()
                .withCharRange('a', 'f')
                .ofLength(1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5),
            turns(),
            Arbitraries.integers().between(0, 24 * 60 - 1),
            Arbitraries.integers().between(0, 365),
            Arbitraries.of(ZONES),
            restrictions,
            Arbitraries.longs().between(1, 1000))
        .as(
            (members, turn, minute, startDay, zone, restricted, id) ->
                new LayerSpec(
                    id,
                    "layer",
                    members,
                    turn,
                    LocalTime.of(minute / 60, minute % 60),
                    BASE.plusDays(startDay),
                    ZoneId.of(zone),
                    restricted,
                    null,
                    false));
  }

  @Property(tries = 300)
  void aScheduleWhoseLayersRunAllTheTimeHasNoGapAfterItsFirstHandOff(
      @ForAll("fullLayers") LayerSpec first,
      @ForAll("fullLayers") LayerSpec second,
      @ForAll @IntRange(min = 400, max = 900) int fromDay,
      @ForAll @IntRange(min = 1, max = 24 * 60) int hours) {
    Instant from = BASE.plusDays(fromDay).atStartOfDay(ZoneId.of("UTC")).toInstant();
    Instant to = from.plus(Duration.ofHours(hours));
    LayerSpec other =
        new LayerSpec(
            first.id() + 1000,
            second.name(),
            second.members(),
            second.turn(),
            second.handoff(),
            second.startDate(),
            second.zone(),
            List.of(),
            null,
            false);
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(first, other), List.of(), List.of()), from, to);
    assertThat(schedule.gaps()).isEmpty();
    assertCovers(schedule.entries(), from, to);
  }

  @Property(tries = 300)
  void everyInstantHasAtMostOnePersonPerLayerAndTheFinalScheduleCoversTheRangeOnce(
      @ForAll("restrictedLayers") LayerSpec first,
      @ForAll("restrictedLayers") LayerSpec second,
      @ForAll @IntRange(min = 0, max = 900) int fromDay,
      @ForAll @IntRange(min = 1, max = 60 * 24) int hours,
      @ForAll @IntRange(min = 0, max = 200) int overrideStart,
      @ForAll @IntRange(min = 1, max = 100) int overrideHours) {
    Instant from = BASE.plusDays(fromDay).atStartOfDay(ZoneId.of("UTC")).toInstant();
    Instant to = from.plus(Duration.ofHours(hours));
    LayerSpec other =
        new LayerSpec(
            first.id() + 1000,
            second.name(),
            second.members(),
            second.turn(),
            second.handoff(),
            second.startDate(),
            second.zone(),
            second.restrictions(),
            null,
            second.skipOnLeave());
    PersonRange override =
        new PersonRange(
            1,
            "z",
            from.plus(Duration.ofHours(overrideStart)),
            from.plus(Duration.ofHours(overrideStart + overrideHours)));
    FinalSchedule schedule =
        ScheduleCalculator.compute(
            new ScheduleSpec(List.of(first, other), List.of(override), List.of()), from, to);
    for (List<Segment> layer : schedule.layers().values()) {
      for (int i = 0; i < layer.size(); i++) {
        Segment segment = layer.get(i);
        assertThat(segment.start()).isBefore(segment.end());
        assertThat(segment.start()).isAfterOrEqualTo(from);
        assertThat(segment.end()).isBeforeOrEqualTo(to);
        if (i > 0) {
          assertThat(segment.start()).isAfterOrEqualTo(layer.get(i - 1).end());
        }
      }
    }
    assertCovers(schedule.entries(), from, to);
    if (override.overlaps(from, to)) {
      Instant inside = override.start().isBefore(from) ? from : override.start();
      assertThat(schedule.at(inside).orElseThrow().user()).isEqualTo("z");
    }
  }

  private static void assertCovers(List<Segment> entries, Instant from, Instant to) {
    assertThat(entries).isNotEmpty();
    assertThat(entries.get(0).start()).isEqualTo(from);
    assertThat(entries.get(entries.size() - 1).end()).isEqualTo(to);
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).start()).isEqualTo(entries.get(i - 1).end());
      assertThat(entries.get(i).start()).isBefore(entries.get(i).end());
    }
  }
}
