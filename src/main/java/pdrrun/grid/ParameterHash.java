package pdrrun.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The canonical hash of a parameter set: sha256 over every column in table order, doubles in
 * their shortest round-trip form and species normalised to single spaces. Equal values give equal
 * hashes whatever float type a database would have stored; no float comparison is ever needed.
 */
public final class ParameterHash {
    private ParameterHash() {}

    public static String of(Map<String, Object> values) {
        StringBuilder text = new StringBuilder(2048);
        for (ParameterColumn column : ParameterColumns.ALL) {
            Object value = values.get(column.name());
            text.append(column.name()).append('=');
            switch (column.kind()) {
                case REAL:
                    double d = ((Number) value).doubleValue();
                    text.append(Double.toString(d == 0.0 ? 0.0 : d));
                    break;
                case INTEGER:
                    text.append(((Number) value).longValue());
                    break;
                default:
                    text.append(String.join(" ", value.toString().strip().split("\\s+")));
            }
            text.append('\u001f');
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
