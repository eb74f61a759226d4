package pdrrun.grid;

import pdrrun.config.ConfigException;

/** A grid value, axis or derived quantity that cannot be used; the message names it. */
public class GridException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public GridException(String message) {
        super(message);
    }
}
