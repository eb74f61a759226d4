package pdrrun.config;

/**
 * Bad configuration or command-line input. The message is one line that names the file and line,
 * the flag or the environment variable at fault and what would be accepted; it never contains a
 * secret value.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
