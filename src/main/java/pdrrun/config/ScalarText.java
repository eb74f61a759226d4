package pdrrun.config;

import java.util.Locale;

/** Converts scalar text (YAML scalars, environment variables, flags) to a {@link KeyType}. */
final class ScalarText {
    private ScalarText() {}

    /** Converts, or throws a one-line {@link ConfigException} starting with {@code where}. */
    static Object convert(String text, KeyType type, String where) {
        String t = text.strip();
        try {
            switch (type) {
                case INTEGER:
                    return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
                case NUMBER:
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d) || t.matches("(?i).*(nan|inf).*|.*[dDfF]$")) {
                        throw new NumberFormatException(t);
                    }
                    return d;
                case BOOLEAN:
                    switch (t.toLowerCase(Locale.ROOT)) {
                        case "true":
                        case "yes":
                        case "on":
                        case "1":
                            return true;
                        case "false":
                        case "no":
                        case "off":
                        case "0":
                            return false;
                        default:
                            throw new NumberFormatException(t);
                    }
                default:
                    return text;
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(where + ": '" + text + "' is not " + type.expected());
        }
    }
}
