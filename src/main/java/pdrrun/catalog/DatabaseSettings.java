package pdrrun.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;

/**
 * Where the catalog lives. The password is only ever handed to the driver; {@link #toString()}
 * masks it.
 */
public record DatabaseSettings(
        Dialect dialect,
        Path file,
        String host,
        int port,
        String database,
        String username,
        String password,
        int poolSize,
        long busyTimeoutMillis) {

    /** The default catalog file when none is configured. */
    public static final String DEFAULT_FILE = "pdr.db";

    /** Reads the database section; one message lists everything missing for a server back end. */
    public static DatabaseSettings from(Config config, int workers) {
        String section = ConfigSchema.DATABASE;
        String type = config.string(section, "type").orElse("sqlite").toLowerCase(Locale.ROOT);
        Dialect dialect;
        switch (type) {
            case "sqlite":
                dialect = Dialect.SQLITE;
                break;
            case "mysql":
            case "mariadb":
                dialect = Dialect.MYSQL;
                break;
            case "postgresql":
            case "postgres":
                dialect = Dialect.POSTGRESQL;
                break;
            default:
                throw new ConfigException(config.origin(section, "type") + ": database.type '" + type
                        + "' is not supported; use sqlite, mysql (or mariadb) or postgresql");
        }
        int defaultPool = Math.max(1, Math.min(workers + 2, 10));
        int pool = config.integer(section, "pool_size").map(Long::intValue).orElse(defaultPool);
        long busy = config.integer(section, "busy_timeout_ms").orElse(30_000L);
        if (dialect == Dialect.SQLITE) {
            Path file =
                    Path.of(config.string(section, "path").orElse(DEFAULT_FILE)).toAbsolutePath();
            if (file.toString().contains(":memory:")) {
                throw new ConfigException(config.origin(section, "path")
                        + ": database.path must be a file; an in-memory database would lose the catalog");
            }
            return new DatabaseSettings(dialect, file, null, 0, null, null, null, pool, busy);
        }
        List<String> missing = new ArrayList<>();
        String host = required(config, "host", "PDR_DB_HOST", missing);
        String database = required(config, "database", "PDR_DB_DATABASE", missing);
        String user = required(config, "username", "PDR_DB_USERNAME", missing);
        String password = config.setting(section, "password")
                .map(s -> s.value() == null ? null : s.value().toString())
                .orElse(null);
        if (password == null) {
            missing.add("database.password (or PDR_DB_PASSWORD; may be empty: '')");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("database.type " + type + " needs: " + String.join(", ", missing));
        }
        int port = config.integer(section, "port").map(Long::intValue).orElse(dialect == Dialect.MYSQL ? 3306 : 5432);
        return new DatabaseSettings(dialect, null, host, port, database, user, password, pool, busy);
    }

    private static String required(Config config, String key, String env, List<String> missing) {
        return config.string(ConfigSchema.DATABASE, key).orElseGet(() -> {
            missing.add("database." + key + " (or " + env + ")");
            return null;
        });
    }

    /** JDBC URL, never containing the password. */
    public String jdbcUrl() {
        switch (dialect) {
            case SQLITE:
                return "jdbc:sqlite:" + file;
            case MYSQL:
                return "jdbc:mariadb://" + host + ":" + port + "/" + database;
            default:
                return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** A description safe for any output. */
    public String describe() {
        return dialect == Dialect.SQLITE
                ? "sqlite " + file
                : dialect.name().toLowerCase(Locale.ROOT) + " " + username + "@" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", password=" + (password == null ? "unset" : "********") + "]";
    }
}
