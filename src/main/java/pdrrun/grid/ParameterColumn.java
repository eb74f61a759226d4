package pdrrun.grid;

import java.util.Objects;

/**
 * One column of {@code kosmatau_parameters}: its name (as KOSMA-tau and the templates spell it,
 * case-sensitive), its kind and its default value.
 *
 * @param name column name, also the template placeholder {@code KT_VAR<name>_}
 * @param kind how values are stored and rendered
 * @param defaultValue a {@link Double}, {@link Long} or {@link String} matching {@code kind}
 */
public record ParameterColumn(String name, Kind kind, Object defaultValue) {

    /** Storage and rendering kind: REAL is double precision, INTEGER a 64-bit integer. */
    public enum Kind {
        REAL,
        INTEGER,
        TEXT
    }

    public ParameterColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Object checked = kind.equals(Kind.REAL)
                ? (Double) defaultValue
                : kind.equals(Kind.INTEGER) ? (Long) defaultValue : (String) defaultValue;
        Objects.requireNonNull(checked);
    }
}
