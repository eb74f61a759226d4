package pdrrun.grid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import pdrrun.config.NearestName;

/**
 * Builds the parameter set of each grid point: the column defaults, then the grid-wide
 * {@code non_default_parameters}, then the values the grid point and clump geometry determine.
 * Immutable and thread-safe once built.
 */
public final class ParameterSetFactory {
    /** Columns the grid axes and geometry compute; setting them by hand would contradict the job name. */
    private static final Set<String> DERIVED = Set.of("xnsur", "mass", "sint", "zmetal", "rtot");

    private static final int[] DERIVED_INDEXES =
            DERIVED.stream().mapToInt(ParameterColumns::indexOf).sorted().toArray();

    private final Map<String, Object> base;
    private final String[] baseHashParts;
    private final Object[] baseValues;
    private final CloudGeometry geometry;

    /**
     * @param alpha density-law exponent from model_parameters (null: column default or override)
     * @param rcore core-radius fraction from model_parameters (null: column default or override)
     * @param overrides the non_default_parameters section; keys must be parameter columns
     * @throws GridException naming an unknown column (with the nearest valid one) or a bad value
     */
    public ParameterSetFactory(Double alpha, Double rcore, Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterColumn column : ParameterColumns.ALL) {
            values.put(column.name(), column.defaultValue());
        }
        if (alpha != null) {
            values.put("alpha", alpha);
        }
        if (rcore != null) {
            values.put("rcore", rcore);
        }
        for (Map.Entry<String, Object> entry : overrides.entrySet()) {
            String name = entry.getKey();
            ParameterColumn column = ParameterColumns.byName(name)
                    .orElseThrow(() -> new GridException("non_default_parameters: unknown parameter '" + name + "'"
                            + NearestName.hint(
                                    name,
                                    ParameterColumns.ALL.stream()
                                            .map(ParameterColumn::name)
                                            .collect(Collectors.toList()))));
            if (DERIVED.contains(name)) {
                throw new GridException("non_default_parameters: '" + name
                        + "' is set by the grid axes (metal, dens, mass, chi) and clump geometry; remove it");
            }
            values.put(name, coerce(column, entry.getValue()));
        }
        this.geometry = new CloudGeometry(
                ((Number) values.get("alpha")).doubleValue(), ((Number) values.get("rcore")).doubleValue());
        this.base = Map.copyOf(values);
        this.baseValues = new Object[ParameterColumns.ALL.size()];
        this.baseHashParts = new String[ParameterColumns.ALL.size()];
        for (int i = 0; i < baseHashParts.length; i++) {
            ParameterColumn column = ParameterColumns.ALL.get(i);
            baseValues[i] = values.get(column.name());
            baseHashParts[i] = ParameterHash.part(column, baseValues[i]);
        }
    }

    /** The parameter set of one grid point. */
    public ParameterSet create(GridPoint point) {
        Object[] values = baseValues.clone();
        double density = point.dens().physical();
        double mass = point.mass().physical();
        values[ParameterColumns.indexOf("zmetal")] = point.metal().physical();
        values[ParameterColumns.indexOf("xnsur")] = density;
        values[ParameterColumns.indexOf("mass")] = mass;
        values[ParameterColumns.indexOf("sint")] = point.chi().physical();
        values[ParameterColumns.indexOf("rtot")] = geometry.radius(mass, density);
        // Only the derived columns differ between points: the rest is rendered once (the same
        // text as ParameterHash.of(values); a test keeps the two equal).
        String[] parts = baseHashParts.clone();
        for (int i : DERIVED_INDEXES) {
            parts[i] = ParameterHash.part(ParameterColumns.ALL.get(i), values[i]);
        }
        return new ParameterSet(point, values, ParameterHash.of(parts));
    }

    private static Object coerce(ParameterColumn column, Object value) {
        String where = "non_default_parameters: '" + column.name() + "'";
        if (value == null) {
            throw new GridException(where + " has no value; give one or remove the key");
        }
        switch (column.kind()) {
            case REAL:
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return n.doubleValue();
                }
                throw new GridException(where + " = '" + value + "' must be a number");
            case INTEGER:
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.longValue();
                }
                throw new GridException(where + " = '" + value + "' must be a whole number");
            default:
                if (value instanceof List<?> list) {
                    return list.stream().map(Object::toString).collect(Collectors.joining(" "));
                }
                return value.toString();
        }
    }
}
