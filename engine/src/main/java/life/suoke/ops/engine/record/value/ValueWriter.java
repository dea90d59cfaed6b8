package life.suoke.ops.engine.record.value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON forms of the typed parts of values. */
final class ValueWriter {

  private ValueWriter() {}

  static List<Map<String, Object>> jobs(List<JobValue> jobs) {
    List<Map<String, Object>> json = new ArrayList<>(jobs.size());
    for (JobValue job : jobs) {
      json.add(job.toJson());
    }
    return json;
  }
}
