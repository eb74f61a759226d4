package pdrrun.grid;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One grid value exactly as the user wrote it ("05", "-10", "3.5"). The text names the model, so
 * it is kept verbatim; only decimal numbers are accepted (no exponent, nan or inf).
 */
public record EncodedValue(Axis axis, String text) {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");

    public EncodedValue {
        Objects.requireNonNull(axis, "axis");
        Objects.requireNonNull(text, "text");
        if (!DECIMAL.matcher(text).matches()) {
            throw new GridException("--" + axis.key() + ": '" + text + "' is not a grid value; values are decimal "
                    + axis.encoding() + ", e.g. 05, -10, 3.5");
        }
        double physical = axis.decode(Double.parseDouble(text));
        if (!Double.isFinite(physical) || physical < 0.0 || axis != Axis.METAL && physical < Double.MIN_NORMAL) {
            throw new GridException("--" + axis.key() + ": '" + text + "' is out of range: it encodes " + physical
                    + "; values are " + axis.encoding());
        }
    }

    /** The encoded number. */
    public double number() {
        return Double.parseDouble(text);
    }

    /** The physical value (zmetal, xnsur, mass or sint). */
    public double physical() {
        return axis.decode(number());
    }

    /**
     * The encoded text of a random integer draw: a leading zero for one-digit magnitudes, as the
     * original names its models (5 to "05", -5 to "-05", 0 to "00").
     */
    public static EncodedValue ofInteger(Axis axis, long value) {
        String magnitude = Long.toString(Math.abs(value));
        if (magnitude.length() == 1) {
            magnitude = "0" + magnitude;
        }
        return new EncodedValue(axis, (value < 0 ? "-" : "") + magnitude);
    }
}
