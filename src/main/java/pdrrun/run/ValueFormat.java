package pdrrun.run;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats parameter values exactly as the original Python runner wrote them into the KOSMA-tau
 * inputs: integers as plain text; other numbers with {@code |v| >= 1000} or {@code |v| < 0.1} (zero
 * included) as Python's {@code '%.3e' % v}, else as {@code '%.6f' % v}.
 *
 * <p>Byte-identical output matters (a changed digit is a different model input and a different
 * checksum), so this does not use {@link String#format}: Java rounds the shortest decimal
 * representation half-up, while C and Python printf round the exact binary value half-even (0.125 to
 * two decimals is "0.12" in Python, "0.13" in Java). Here the exact value comes from {@code new
 * BigDecimal(double)} and is rounded {@link RoundingMode.HALF_EVEN}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueFormat {

    /** From this magnitude on, real values are written in exponent form. */
    private static final double EXPONENT_FORM_FROM = 1000.0;
    /** Below this magnitude (zero included), real values are written in exponent form. */
    private static final double EXPONENT_FORM_BELOW = 0.1;

    private ValueFormat() {}

    /**
     * Formats a value by its Java type: integral boxes as integers, {@link Double} and {@link Float}
     * as reals.
     *
     * @throws IllegalArgumentException if the value is null or not one of those types
     */
    public static String format(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return integer(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return real(((Number) value).doubleValue());
        }
        throw new IllegalArgumentException("not an integer or real number: " + value
                + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"));
    }

    /** An integer column's value: plain decimal text, like Python's {@code str(int)}. */
    public static String integer(long value) {
        return Long.toString(value);
    }

    /** A real column's value: {@code %.3e} outside [0.1, 1000), {@code %.6f} inside. */
    public static String real(double value) {
        double magnitude = Math.abs(value);
        // NaN fails both tests and falls to %.6f, as in Python; both spell it "nan".
        if (magnitude >= EXPONENT_FORM_FROM || magnitude < EXPONENT_FORM_BELOW) {
            return scientific(value, 3);
        }
        return fixed(value, 6);
    }

    /** Python's {@code '%.<decimals>f' % value}. */
    static String fixed(double value, int decimals) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        BigDecimal rounded = new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN);
        return sign(value) + rounded.toPlainString();
    }

    /** Python's {@code '%.<decimals>e' % value}: the exponent has a sign and at least two digits. */
    static String scientific(double value, int decimals) {
        String special = special(value);
        if (special != null) {
            return special;
        }
        // Rounding to significant digits renormalises by itself: 9.9995e3 becomes 1.000E+4.
        BigDecimal rounded =
                new BigDecimal(Math.abs(value)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(decimals, RoundingMode.UNNECESSARY);
        int magnitude = Math.abs(exponent);
        return sign(value)
                + mantissa.toPlainString()
                + (exponent < 0 ? "e-" : "e+")
                + (magnitude < 10 ? "0" : "")
                + magnitude;
    }

    /** Python's spelling of the values BigDecimal cannot hold, or null for a finite value. */
    private static String special(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return null;
    }

    /** printf keeps the sign of negative zero and of negatives that round to zero ("-0.00"). */
    private static String sign(double value) {
        return Math.copySign(1.0, value) < 0 ? "-" : "";
    }
}
