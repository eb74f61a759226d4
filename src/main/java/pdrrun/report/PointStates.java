package pdrrun.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each grid point's latest state and reruns, for {@code status --json}, from one sequential scan
 * of the model's rows in id order ("+model_name_id" keeps SQLite off the status index, whose row
 * look-ups in random order cost ten times more). A point is emitted at its last row, so points
 * come in the order of their latest rows and only the few duplicated names need remembering.
 * Stateless.
 */
final class PointStates {
    private static final String SEPARATOR = "\t";

    private PointStates() {}

    /**
     * @param duplicatedNames job names with more than one row, and their row counts
     */
    static List<GridStatus.PointState> of(ReadOnlyDatabase db, long modelId, Map<String, Integer> duplicatedNames) {
        List<GridStatus.PointState> points = new ArrayList<>();
        Map<String, Integer> rowsLeft = new HashMap<>(duplicatedNames);
        // One text column per row ("attempts<TAB>state<TAB>name"): the driver pays a native call per
        // column and value, which is most of what a 100k-row scan costs; one column is a third of
        // three. CONCAT_WS is the same function on SQLite (3.44+), MySQL/MariaDB and PostgreSQL.
        db.forEach(
                "grid point states",
                "SELECT CONCAT_WS(?, COALESCE(attempts, 0), COALESCE(status, ''), model_job_name)"
                        + " FROM pdr_model_jobs WHERE +model_name_id = ? ORDER BY id",
                rs -> {
                    String row = rs.getString(1);
                    int a = row.indexOf('\t');
                    int b = row.indexOf('\t', a + 1);
                    String name = row.substring(b + 1);
                    int rows = 1;
                    if (!rowsLeft.isEmpty()) {
                        Integer left = rowsLeft.get(name);
                        if (left != null && left > 1) {
                            rowsLeft.put(name, left - 1);
                            return; // superseded by a later row of the same point
                        }
                        if (left != null) {
                            rowsLeft.remove(name);
                            rows = duplicatedNames.get(name);
                        }
                    }
                    points.add(new GridStatus.PointState(
                            name, b == a + 1 ? null : row.substring(a + 1, b), rows, Integer.parseInt(row, 0, a, 10)));
                },
                SEPARATOR,
                modelId);
        return points;
    }
}
