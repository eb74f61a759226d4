package pdrrun.grid;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * The complete KOSMA-tau input of one grid point: a value for every column of {@link
 * ParameterColumns#ALL} (Double, Long or String), and a canonical hash of those values that makes
 * equal parameter sets share one catalog row.
 */
public record ParameterSet(GridPoint point, Map<String, Object> values, String hash) {
    public ParameterSet {
        Objects.requireNonNull(point, "point");
        values = Collections.unmodifiableMap(values);
        Objects.requireNonNull(hash, "hash");
    }

    public String jobName() {
        return point.jobName();
    }

    public double real(String column) {
        return ((Number) values.get(column)).doubleValue();
    }
}
