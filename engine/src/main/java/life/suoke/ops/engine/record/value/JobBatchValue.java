package life.suoke.ops.engine.record.value;

import java.util.List;
import java.util.Map;
import life.suoke.ops.engine.record.Record;
import life.suoke.ops.engine.record.ValueType;

/** The value of JOB_BATCH records: an activation request and the jobs it activated. */
public record JobBatchValue(
    String type,
    String worker,
    long timeout,
    int maxJobsToActivate,
    List<String> tenantIds,
    boolean truncated,
    List<Long> jobKeys,
    List<JobValue> jobs)
    implements RecordValue {

  /**
   * Reads the value of a JOB_BATCH record; a field that is missing or of another type is an error.
   */
  public static JobBatchValue of(Map<String, Object> json) {
    ValueReader read = new ValueReader(ValueType.JOB_BATCH, json);
    return new JobBatchValue(
        read.string("type"),
        read.string("worker"),
        read.int64("timeout"),
        read.int32("maxJobsToActivate"),
        read.strings("tenantIds"),
        read.bool("truncated"),
        read.longs("jobKeys"),
        read.jobs("jobs"));
  }

  /** The typed value of a JOB_BATCH record. */
  public static JobBatchValue of(Record record) {
    if (record.typedValue() instanceof JobBatchValue value) {
      return value;
    }
    throw new IllegalArgumentException("Not a JOB_BATCH record: " + record.valueType());
  }

  @Override
  public ValueType valueType() {
    return ValueType.JOB_BATCH;
  }

  @Override
  public void writeFields(ValueFields out) {
    out.put("type", type);
    out.put("worker", worker);
    out.put("timeout", timeout);
    out.put("maxJobsToActivate", maxJobsToActivate);
    out.put("tenantIds", tenantIds);
    out.put("truncated", truncated);
    out.put("jobKeys", jobKeys);
    out.putObjects("jobs", jobs, JobValue::writeFields);
  }
}
