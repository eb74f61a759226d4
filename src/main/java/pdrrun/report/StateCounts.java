package pdrrun.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a model's latest rows by state, its model hours and the templates and binaries it
 * used, from one scan of the model's rows plus a look at the few duplicated job names: counting
 * all rows and subtracting the superseded ones avoids joining 100k latest rows back to the table.
 */
final class StateCounts {
    final Map<String, Long> states = new TreeMap<>();
    final Map<String, Long> templates = new LinkedHashMap<>();
    final Map<String, Long> binaries = new LinkedHashMap<>();
    /** Job names with more than one row (rows of the original), with their row counts. */
    final Map<String, Integer> duplicatedNames = new HashMap<>();

    long rerunPoints;
    /** Latest rows with a post-processing error. */
    long postprocErrors;

    double seconds;

    private StateCounts() {}

    static StateCounts of(ReadOnlyDatabase db, long modelId) {
        StateCounts counts = new StateCounts();
        Map<Long, String> shas = new HashMap<>();
        db.query("executables", "SELECT id, sha256_sum FROM kosmatau_executables", rs -> {
            shas.put(rs.getLong(1), rs.getString(2));
            return null;
        });
        long[] retried = {0};
        db.query(
                "state counts",
                "SELECT status, template_sha256, kosmatau_executable_id, COUNT(*), COALESCE(SUM(execution_seconds), 0),"
                        + " SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN postproc_error IS NULL THEN 0 ELSE 1 END) FROM pdr_model_jobs"
                        + " WHERE model_name_id = ? GROUP BY status, template_sha256, kosmatau_executable_id",
                rs -> {
                    long n = rs.getLong(4);
                    counts.states.merge(state(rs.getString(1)), n, Long::sum);
                    String template = rs.getString(2);
                    if (template != null) {
                        counts.templates.merge(template, n, Long::sum);
                    }
                    long exe = rs.getLong(3);
                    if (!rs.wasNull()) {
                        String sha = shas.get(exe);
                        counts.binaries.merge(sha == null ? "id " + exe : sha, n, Long::sum);
                    }
                    counts.seconds += rs.getDouble(5);
                    retried[0] += rs.getLong(6);
                    counts.postprocErrors += rs.getLong(7);
                    return null;
                },
                modelId);
        List<Object[]> duplicated = db.query(
                "duplicated job names",
                "SELECT id, model_job_name, status, attempts, CASE WHEN postproc_error IS NULL THEN 0 ELSE 1 END"
                        + " FROM pdr_model_jobs WHERE model_name_id = ? AND model_job_name IN (SELECT model_job_name"
                        + " FROM pdr_model_jobs WHERE model_name_id = ? GROUP BY model_job_name HAVING COUNT(*) > 1)"
                        + " ORDER BY model_job_name, id",
                rs -> new Object[] {rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)},
                modelId,
                modelId);
        for (int i = 0; i < duplicated.size(); i++) {
            Object[] row = duplicated.get(i);
            counts.duplicatedNames.merge((String) row[0], 1, Integer::sum);
            if ((Integer) row[2] > 1) {
                retried[0]--;
            }
            boolean superseded = i + 1 < duplicated.size() && duplicated.get(i + 1)[0].equals(row[0]);
            if (superseded) {
                counts.states.merge(state((String) row[1]), -1L, Long::sum);
                counts.postprocErrors -= (Integer) row[3];
            }
        }
        counts.states.values().removeIf(v -> v == 0);
        counts.rerunPoints = counts.duplicatedNames.size() + retried[0];
        return counts;
    }

    private static String state(String status) {
        return status == null ? "(none)" : status;
    }
}
