package pdrrun.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The canonical hash of a parameter set: sha256 over every column in table order, doubles in
 * their shortest round-trip form and species normalised to single spaces. Equal values give equal
 * hashes whatever float type a database would have stored; no float comparison is ever needed.
 */
public final class ParameterHash {
    private static final char SEPARATOR = '\u001f';

    private ParameterHash() {}

    public static String of(Map<String, Object> values) {
        String[] parts = new String[ParameterColumns.ALL.size()];
        for (int i = 0; i < parts.length; i++) {
            ParameterColumn column = ParameterColumns.ALL.get(i);
            parts[i] = part(column, values.get(column.name()));
        }
        return of(parts);
    }

    /**
     * Hash of pre-rendered parts, one per column in table order (from {@link #part}); lets a grid
     * render the columns that are equal for all its points only once.
     */
    static String of(String[] parts) {
        StringBuilder text = new StringBuilder(4096);
        for (String part : parts) {
            text.append(part).append(SEPARATOR);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The canonical text of one column's value, "name=value". */
    static String part(ParameterColumn column, Object value) {
        String text;
        switch (column.kind()) {
            case REAL:
                double d = ((Number) value).doubleValue();
                text = Double.toString(d == 0.0 ? 0.0 : d);
                break;
            case INTEGER:
                text = Long.toString(((Number) value).longValue());
                break;
            default:
                text = String.join(" ", List.of(value.toString().strip().split("\\s+")));
        }
        return column.name() + "=" + text;
    }
}
