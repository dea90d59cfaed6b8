package life.suoke.ops.backend.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import life.suoke.ops.backend.audit.chain.AuditSeal.Seal;
import life.suoke.ops.backend.audit.chain.AuditSeal.SealedEvent;
import life.suoke.ops.backend.audit.chain.EngineRecordAuditor.EngineRecord;
import org.junit.jupiter.api.Test;

/** The seal's digest and the writer's split of a page into transactions, without a database. */
class AuditSealTest {

  private static EngineRecord event(long position, Map<String, Object> value) {
    return new EngineRecord(
        position, 100 + position, 1_700_000_000_000L + position, "VARIABLE", "CREATED", value);
  }

  @Test
  void anEventsDigestCoversItsPositionTimeTypeIntentAndValueWhateverTheMembersOrder() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "amount");
    value.put("value", "20");
    value.put("processInstanceKey", 7L);
    Map<String, Object> reordered = new LinkedHashMap<>();
    reordered.put("processInstanceKey", 7);
    reordered.put("value", "20");
    reordered.put("name", "amount");
    String digest = AuditSeal.digest(event(5, value));

    assertThat(digest).hasSize(64).isEqualTo(AuditSeal.digest(event(5, reordered)));
    assertThat(digest)
        .isNotEqualTo(AuditSeal.digest(event(6, value)))
        .isNotEqualTo(
            AuditSeal.digest(
                event(5, Map.of("name", "amount", "value", "21", "processInstanceKey", 7L))))
        .isNotEqualTo(
            AuditSeal.digest(
                new EngineRecord(5, 105, 1_700_000_000_005L, "VARIABLE", "UPDATED", value)))
        .isNotEqualTo(
            AuditSeal.digest(
                new EngineRecord(5, 105, 1_700_000_000_006L, "VARIABLE", "CREATED", value)));
  }

  @Test
  void aSealStatesItsRangeAndCountAndChangesWithAnyOfItsEvents() {
    List<SealedEvent> events = new ArrayList<>();
    for (long p = 10; p < 15; p++) {
      events.add(SealedEvent.of(event(p, Map.of("name", "n" + p))));
    }
    Seal seal = AuditSeal.seal(events);
    assertThat(seal.from()).isEqualTo(10);
    assertThat(seal.to()).isEqualTo(14);
    assertThat(seal.events()).isEqualTo(5);

    List<SealedEvent> changed = new ArrayList<>(events);
    changed.set(2, SealedEvent.of(event(12, Map.of("name", "other"))));
    assertThat(AuditSeal.seal(changed).digest()).isNotEqualTo(seal.digest());
    assertThat(AuditSeal.seal(events.subList(0, 4)).digest()).isNotEqualTo(seal.digest());
    assertThatThrownBy(() -> AuditSeal.seal(List.of()))
        .isInstanceOf(IllegalArgumentException.class);

    AuditRow row = AuditSeal.row(events);
    assertThat(row.action()).isEqualTo(AuditSeal.ACTION);
    assertThat(row.objectId()).isEqualTo("10..14");
    assertThat(row.sourcePosition()).isEqualTo(14);
    assertThat(row.occurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_014L));
    assertThat(Seal.parse(row.details())).isEqualTo(seal);
    assertThat(Seal.parse("{\"from\":1}")).isNull();
    assertThat(Seal.parse("not json")).isNull();
  }

  @Test
  void aPageIsWrittenInTransactionsOfAtMostAHundredRowsEachWithTheEventsBeforeTheNext() {
    List<AuditRow> rows = new ArrayList<>();
    List<SealedEvent> sealed = new ArrayList<>();
    for (long p = 1; p <= 1_000; p++) {
      if (p % 4 == 0) {
        rows.add(
            new AuditRow(
                Instant.EPOCH,
                "engine",
                "JOB_BATCH.ACTIVATED",
                "job-batch",
                "1",
                null,
                null,
                null,
                p,
                "{}"));
      } else {
        sealed.add(new SealedEvent(p, 0, "d" + p));
      }
    }
    List<AuditChainWriter.Chunk> chunks = AuditChainWriter.chunks(rows, sealed);

    assertThat(chunks).hasSize(3);
    assertThat(chunks.stream().mapToInt(c -> c.rows().size())).containsExactly(100, 100, 50);
    assertThat(chunks.stream().mapToInt(c -> c.sealed().size()).sum()).isEqualTo(750);
    for (int i = 0; i + 1 < chunks.size(); i++) {
      long nextRow = chunks.get(i + 1).rows().get(0).sourcePosition();
      assertThat(chunks.get(i).sealed()).allMatch(e -> e.position() < nextRow);
      assertThat(chunks.get(i + 1).sealed()).allMatch(e -> e.position() > nextRow);
    }
    // a page of events only is one transaction, one seal
    assertThat(AuditChainWriter.chunks(List.of(), sealed)).hasSize(1);
    assertThat(AuditChainWriter.chunks(List.of(), List.of())).isEmpty();
  }
}
