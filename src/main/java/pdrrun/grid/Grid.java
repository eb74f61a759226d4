package pdrrun.grid;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The values of the four axes. {@link #points()} is the full Cartesian product in the order
 * metal, dens, mass, chi; {@link #randomPoints} draws reproducible random points instead.
 */
public record Grid(List<EncodedValue> metal, List<EncodedValue> dens, List<EncodedValue> mass, List<EncodedValue> chi) {

    public Grid {
        metal = checked(Axis.METAL, metal);
        dens = checked(Axis.DENS, dens);
        mass = checked(Axis.MASS, mass);
        chi = checked(Axis.CHI, chi);
    }

    /** A grid from the source text of each axis; every value is validated. */
    public static Grid of(Map<Axis, List<String>> texts) {
        Map<Axis, List<EncodedValue>> values = new EnumMap<>(Axis.class);
        for (Axis axis : Axis.values()) {
            List<EncodedValue> list = new ArrayList<>();
            for (String text : texts.getOrDefault(axis, List.of())) {
                list.add(new EncodedValue(axis, text.strip()));
            }
            values.put(axis, list);
        }
        return new Grid(values.get(Axis.METAL), values.get(Axis.DENS), values.get(Axis.MASS), values.get(Axis.CHI));
    }

    private static List<EncodedValue> checked(Axis axis, List<EncodedValue> values) {
        if (values == null || values.isEmpty()) {
            throw new GridException("--" + axis.key() + ": no value given; give at least one, as " + axis.encoding());
        }
        // Repeating a value would only repeat the job name: keep the first occurrence.
        return List.copyOf(new LinkedHashSet<>(values));
    }

    /** Number of points of the full product. */
    public long size() {
        return (long) metal.size() * dens.size() * mass.size() * chi.size();
    }

    /** The full Cartesian product, metal outermost, chi innermost. */
    public List<GridPoint> points() {
        List<GridPoint> points = new ArrayList<>((int) Math.min(size(), Integer.MAX_VALUE));
        for (EncodedValue m : metal) {
            for (EncodedValue d : dens) {
                for (EncodedValue ma : mass) {
                    for (EncodedValue c : chi) {
                        points.add(new GridPoint(m, d, ma, c));
                    }
                }
            }
        }
        return points;
    }

    /**
     * {@code count} points, each axis a uniform random integer between the axis's smallest and
     * largest value; the same seed gives the same points.
     */
    public List<GridPoint> randomPoints(int count, long seed) {
        if (count < 1) {
            throw new GridException("--random-count: " + count + " must be at least 1");
        }
        Random random = new Random(seed);
        List<GridPoint> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(new GridPoint(
                    draw(Axis.METAL, metal, random),
                    draw(Axis.DENS, dens, random),
                    draw(Axis.MASS, mass, random),
                    draw(Axis.CHI, chi, random)));
        }
        return points;
    }

    private static EncodedValue draw(Axis axis, List<EncodedValue> values, Random random) {
        double min = values.stream().mapToDouble(EncodedValue::number).min().orElseThrow();
        double max = values.stream().mapToDouble(EncodedValue::number).max().orElseThrow();
        long low = (long) Math.ceil(min);
        long high = (long) Math.floor(max);
        if (high < low) {
            throw new GridException("--" + axis.key() + ": no integer lies between " + min + " and " + max
                    + " to draw random values from");
        }
        return EncodedValue.ofInteger(axis, low + (long) random.nextInt((int) (high - low + 1)));
    }
}
