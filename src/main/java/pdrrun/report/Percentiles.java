package pdrrun.report;

import java.util.Arrays;

/** Percentiles by linear interpolation between the closest ranks. */
final class Percentiles {
    private Percentiles() {}

    /** @param sorted ascending, not empty; @param p in [0, 1] */
    static double of(double[] sorted, double p) {
        if (sorted.length == 1) {
            return sorted[0];
        }
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
