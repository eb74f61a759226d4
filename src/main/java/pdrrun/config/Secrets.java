package pdrrun.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Decides which keys hold secrets and masks their values for any output. */
public final class Secrets {
    private static final Pattern SECRET_KEY = Pattern.compile("password|secret|token|(^|_)key($|_)|passphrase");
    public static final String MASK = "********";

    private Secrets() {}

    /** True when a key (config key or environment variable name) holds a secret. */
    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** The value to show for a key: the mask for a set secret, otherwise the value itself. */
    public static Object shown(String key, Object value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? MASK : value;
    }
}
