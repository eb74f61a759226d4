package pdrrun.run.process;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as Fortran writes them: {@code 1.2E-03}, {@code 1.2D-03} (double precision), {@code .5},
 * {@code NaN}. Stateless.
 */
final class FortranNumber {
    /** Regex (no groups) of such a number, to embed in line patterns. */
    static final String TOKEN = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[EeDd][-+]?\\d+)?|[-+]?(?i:nan|infinity)";

    private static final Pattern NUMBER = Pattern.compile(TOKEN);

    private FortranNumber() {}

    /** The value, or null for text that is not a number (Fortran prints {@code ****} on overflow). */
    static Double parse(String text) {
        if (text == null || !NUMBER.matcher(text.strip()).matches()) {
            return null;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("NAN")) {
            return Double.NaN;
        }
        if (t.endsWith("INFINITY")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.valueOf(t.replace('D', 'E'));
    }
}
