package pdrrun.run;

import java.util.Locale;
import pdrrun.config.ConfigException;

/**
 * How input files of the PDR home reach a run directory. LINK (default) symlinks each file into a
 * private folder, so a model can add files without touching the home and nothing is copied;
 * COPY copies them, for models that modify their inputs in place.
 */
public enum InputMode {
    LINK,
    COPY;

    public static InputMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pdr.input_mode: '" + text + "' is not one of link, copy");
        }
    }
}
