package pdrrun.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;

/**
 * Where the catalog lives and how the pool behaves. The password is only ever handed to the
 * driver; {@link #toString()} and {@link #describe()} never show it.
 *
 * @param poolSize maximum connections of this process's pool (the original's pool_size +
 *     max_overflow; by default at most workers + 2)
 * @param poolTimeout how long to wait for a free connection (pool_timeout)
 * @param poolRecycle connections are replaced after this age (pool_recycle), below the server's
 *     wait_timeout so an idle connection is never found dead
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
        long busyTimeoutMillis,
        Duration poolTimeout,
        Duration poolRecycle) {

    /** The default catalog file when none is configured. */
    public static final String DEFAULT_FILE = "pdr.db";

    /** An SQLite catalog with default pool settings (tests and tools). */
    public static DatabaseSettings sqlite(Path file) {
        return new DatabaseSettings(
                Dialect.SQLITE,
                file.toAbsolutePath(),
                null,
                0,
                null,
                null,
                null,
                3,
                30_000,
                Duration.ofSeconds(30),
                Duration.ofMinutes(30));
    }

    /** Reads the database section; one message lists everything missing for a server back end. */
    public static DatabaseSettings from(Config config, int workers) {
        String section = ConfigSchema.DATABASE;
        String type = config.string(section, "type").orElse("sqlite").toLowerCase(Locale.ROOT);
        Dialect dialect = dialect(config, type);
        int pool = poolSize(config, workers);
        long busy = config.integer(section, "busy_timeout_ms").orElse(30_000L);
        Duration timeout = seconds(config, "pool_timeout", 30);
        Duration recycle = seconds(config, "pool_recycle", 1800);
        if (dialect == Dialect.SQLITE) {
            Path file =
                    Path.of(config.string(section, "path").orElse(DEFAULT_FILE)).toAbsolutePath();
            if (file.toString().contains(":memory:")) {
                throw new ConfigException(config.origin(section, "path")
                        + ": database.path must be a file; an in-memory database would lose the catalog");
            }
            return new DatabaseSettings(dialect, file, null, 0, null, null, null, pool, busy, timeout, recycle);
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
        return new DatabaseSettings(dialect, null, host, port, database, user, password, pool, busy, timeout, recycle);
    }

    private static Dialect dialect(Config config, String type) {
        switch (type) {
            case "sqlite":
                return Dialect.SQLITE;
            case "mysql":
            case "mariadb":
                return Dialect.MYSQL;
            case "postgresql":
            case "postgres":
                return Dialect.POSTGRESQL;
            default:
                throw new ConfigException(config.origin(ConfigSchema.DATABASE, "type") + ": database.type '" + type
                        + "' is not supported; use sqlite, mysql (or mariadb) or postgresql");
        }
    }

    /** pool_size + max_overflow when configured; otherwise what the workers need, at most workers + 2. */
    private static int poolSize(Config config, int workers) {
        String section = ConfigSchema.DATABASE;
        int base = config.integer(section, "pool_size").map(Long::intValue).orElse(-1);
        int overflow =
                config.integer(section, "max_overflow").map(Long::intValue).orElse(0);
        if (base == 0 || base < -1 || overflow < 0) {
            throw new ConfigException(config.origin(section, "pool_size")
                    + ": database.pool_size must be at least 1 and max_overflow at least 0");
        }
        return base > 0 ? base + overflow : Math.max(2, workers + 2);
    }

    private static Duration seconds(Config config, String key, double fallback) {
        double value = config.number(ConfigSchema.DATABASE, key).orElse(fallback);
        if (!(value > 0)) {
            throw new ConfigException(config.origin(ConfigSchema.DATABASE, key) + ": database." + key
                    + " must be a positive number of seconds");
        }
        return Duration.ofMillis((long) (value * 1000));
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
                // Exact per-row update counts in batches (the bulk protocol reports none).
                return "jdbc:mariadb://" + host + ":" + port + "/" + database
                        + "?useBulkStmts=false&useAffectedRows=true";
            default:
                return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?reWriteBatchedInserts=false";
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
