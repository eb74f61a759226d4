package pdrrun.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the valid name closest to a misspelt one (Levenshtein distance). */
public final class NearestName {
    private NearestName() {}

    /** The candidate closest to {@code name}, if one is close enough to be a plausible typo. */
    public static Optional<String> of(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerance = Math.max(2, name.length() / 2);
        return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or an empty string. */
    public static String hint(String name, Collection<String> candidates) {
        return of(name, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
