package pdrrun.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * What the catalog and its pool look like: server and schema versions, the server's connection
 * limit, pool usage and the transaction helper's counts. Reads only.
 */
public final class CatalogDiagnostics {
    private CatalogDiagnostics() {}

    /** A snapshot as ordered key/value pairs (JSON-friendly). */
    public static Map<String, Object> snapshot(Catalog catalog) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("database", catalog.settings().describe());
        out.put("server_version", serverVersion(catalog));
        MigrationInfo current = Flyway.configure()
                .dataSource(catalog.dataSource())
                .locations(catalog.dialect().migrationLocation())
                .load()
                .info()
                .current();
        out.put("schema_version", current == null ? null : current.getVersion().getVersion());
        out.put("max_connections", maxConnections(catalog).orElse(null));
        HikariPoolMXBean pool = catalog.dataSource().getHikariPoolMXBean();
        Map<String, Object> poolState = new LinkedHashMap<>();
        poolState.put("size_limit", catalog.settings().poolSize());
        poolState.put("active", pool == null ? 0 : pool.getActiveConnections());
        poolState.put("idle", pool == null ? 0 : pool.getIdleConnections());
        poolState.put("waiting", pool == null ? 0 : pool.getThreadsAwaitingConnection());
        poolState.put("total", pool == null ? 0 : pool.getTotalConnections());
        out.put("pool", poolState);
        CatalogMetrics m = catalog.transactions().metrics();
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("commits", m.commits());
        tx.put("rollbacks", m.rollbacks());
        tx.put("retries", m.retries());
        tx.put("total_ms", Math.round(m.transactionMillis()));
        tx.put("max_ms", Math.round(m.maxTransactionMillis()));
        tx.put("mean_ms", m.commits() == 0 ? 0 : Math.round(m.transactionMillis() / m.commits() * 100) / 100.0);
        out.put("transactions", tx);
        return out;
    }

    /** Writes the snapshot as JSON to {@code file}. */
    public static void write(Catalog catalog, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), snapshot(catalog));
    }

    /** The server's connection limit (empty for SQLite). */
    public static Optional<Integer> maxConnections(Catalog catalog) {
        String sql = switch (catalog.dialect()) {
            case MYSQL -> "SELECT @@max_connections";
            case POSTGRESQL -> "SHOW max_connections";
            default -> null;
        };
        if (sql == null) {
            return Optional.empty();
        }
        return Optional.of(catalog.transactions().inTransaction("read max_connections", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return Integer.parseInt(rs.getString(1).strip());
            }
        }));
    }

    private static String serverVersion(Catalog catalog) {
        return catalog.transactions().inTransaction("read server version", c -> version(c));
    }

    private static String version(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
    }

    /**
     * Refuses when {@code processes} pools of this size would exceed what the server allows.
     *
     * @throws pdrrun.config.ConfigException naming the numbers and what to change
     */
    public static void requireConnectionBudget(Catalog catalog, int processes) {
        Optional<Integer> max = maxConnections(catalog);
        int needed = processes * catalog.settings().poolSize();
        if (max.isPresent() && needed > max.get()) {
            throw new pdrrun.config.ConfigException(processes + " process(es) x database pool of "
                    + catalog.settings().poolSize() + " = " + needed + " connections, but the server allows "
                    + max.get() + " (max_connections); lower --workers or database.pool_size");
        }
    }
}
