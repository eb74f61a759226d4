package pdrrun.report;

import java.util.List;
import java.util.Optional;

/**
 * The four encoded axis values a job name {@code {metal}_{dens}_{mass}_{chi}_00} carries (SPEC
 * section 2), as numbers. Negative values contain '-', never '_', so the name splits cleanly.
 */
public record JobAxes(double metal, double dens, double mass, double chi) {
    /** Axis names in grid order. */
    public static final List<String> NAMES = List.of("metal", "dens", "mass", "chi");

    /** The axes of a job name, empty for a name of another shape. */
    public static Optional<JobAxes> parse(String jobName) {
        if (jobName == null) {
            return Optional.empty();
        }
        String[] parts = jobName.split("_");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JobAxes(
                    Double.parseDouble(parts[0]),
                    Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]),
                    Double.parseDouble(parts[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value of an axis by name. */
    public double value(String axis) {
        switch (axis) {
            case "metal":
                return metal;
            case "dens":
                return dens;
            case "mass":
                return mass;
            case "chi":
                return chi;
            default:
                throw new IllegalArgumentException("not an axis: " + axis);
        }
    }

    /** The physical value of an encoded one: percent for metal, 10 x log10 for the others. */
    public static double physical(String axis, double encoded) {
        return axis.equals("metal") ? encoded * 0.01 : Math.pow(10, encoded / 10);
    }
}
