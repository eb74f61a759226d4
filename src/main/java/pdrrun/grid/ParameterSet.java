package pdrrun.grid;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The complete KOSMA-tau input of one grid point: a value for every column of {@link
 * ParameterColumns#ALL} (Double, Long or String, in column order), and a canonical hash of those
 * values that makes equal parameter sets share one catalog row. Values sit in an array rather than
 * a map because a grid creates 10^5 of them.
 */
public final class ParameterSet {
    private final GridPoint point;
    private final Object[] values;
    private final String hash;

    ParameterSet(GridPoint point, Object[] values, String hash) {
        this.point = Objects.requireNonNull(point, "point");
        this.values = values.clone();
        this.hash = Objects.requireNonNull(hash, "hash");
        if (values.length != ParameterColumns.ALL.size()) {
            throw new IllegalArgumentException("one value per parameter column expected");
        }
    }

    public GridPoint point() {
        return point;
    }

    public String hash() {
        return hash;
    }

    public String jobName() {
        return point.jobName();
    }

    /** The value of the column at {@code index} of {@link ParameterColumns#ALL}. */
    public Object value(int index) {
        return values[index];
    }

    /** The value of a named column. */
    public Object value(String column) {
        return values[ParameterColumns.indexOf(column)];
    }

    public double real(String column) {
        return ((Number) value(column)).doubleValue();
    }

    /** Column name to value, in column order (a new unmodifiable map each call). */
    public Map<String, Object> values() {
        Map<String, Object> map = new LinkedHashMap<>(values.length * 2);
        for (int i = 0; i < values.length; i++) {
            map.put(ParameterColumns.ALL.get(i).name(), values[i]);
        }
        return Collections.unmodifiableMap(map);
    }
}
