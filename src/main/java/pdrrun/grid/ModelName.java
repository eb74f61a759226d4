package pdrrun.grid;

import java.util.regex.Pattern;
import pdrrun.config.ConfigException;

/** A model (grid) name; it becomes a folder under the storage base, so it may not escape it. */
public record ModelName(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,199}");

    public ModelName {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new ConfigException("--model-name: '" + value + "' is not a usable model name; use letters, digits"
                    + " and . _ + - (no '/', no '..', not starting with '.'), e.g. grid_2025");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
