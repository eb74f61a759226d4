package pdrrun.report;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.Dialect;
import pdrrun.config.ConfigException;

/**
 * One read-only connection to the catalog for the reporting commands: no pool, no migrations, no
 * writes. SQLite is opened with {@code SQLITE_OPEN_READONLY}, so not even a journal is created;
 * MySQL and PostgreSQL sessions are switched to read-only transactions. Not thread-safe: one per
 * command.
 */
public final class ReadOnlyDatabase implements AutoCloseable {
    private final Connection connection;
    private final DatabaseSettings settings;

    private ReadOnlyDatabase(Connection connection, DatabaseSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /**
     * Opens the catalog read-only.
     *
     * @throws ConfigException when an SQLite catalog file does not exist (nothing was submitted yet)
     * @throws ReportException when the database refuses the connection
     */
    public static ReadOnlyDatabase open(DatabaseSettings settings) {
        try {
            if (settings.dialect() == Dialect.SQLITE) {
                if (!Files.isRegularFile(settings.file())) {
                    throw new ConfigException("catalog " + settings.file()
                            + " does not exist; submit or run a grid first (database.path)");
                }
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                config.setOpenMode(SQLiteOpenMode.READONLY);
                // A big page cache and memory-mapped reads: status scans a 100k-row model a few
                // times, and the default 2 MB cache turns each scan into system calls.
                config.setCacheSize(-262_144);
                config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(1L << 30));
                config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.busyTimeoutMillis()));
                // The SQLite driver directly: DriverManager would load every driver on the class path
                // and with them the logging set-up, a third of a second of a command meant to be quick.
                Connection c = new org.sqlite.JDBC().connect(settings.jdbcUrl(), config.toProperties());
                return new ReadOnlyDatabase(c, settings);
            }
            Properties props = new Properties();
            props.setProperty("user", settings.username());
            props.setProperty("password", settings.password());
            Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
            c.setReadOnly(true);
            try (Statement s = c.createStatement()) {
                // Every statement of the session runs in a read-only transaction, whatever autocommit.
                s.execute(
                        settings.dialect() == Dialect.MYSQL
                                ? "SET SESSION TRANSACTION READ ONLY"
                                : "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            return new ReadOnlyDatabase(c, settings);
        } catch (SQLException e) {
            throw new ReportException(
                    "cannot open the catalog " + settings.describe() + " read-only: " + e.getMessage(), e);
        }
    }

    /** The catalog's settings (for messages: use {@link DatabaseSettings#describe()}). */
    public DatabaseSettings settings() {
        return settings;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Takes one row; the result set must not be kept. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a query with positional parameters and maps every row.
     *
     * @throws ReportException naming the query's purpose when the database fails
     */
    public <T> List<T> query(String purpose, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = new ArrayList<>();
        forEach(purpose, sql, rs -> rows.add(mapper.map(rs)), params);
        return rows;
    }

    /**
     * Runs a query with positional parameters and hands each row to {@code handler}, keeping none.
     *
     * @throws ReportException naming the query's purpose when the database fails
     */
    public void forEach(String purpose, String sql, RowHandler handler, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new ReportException(
                    "cannot read " + purpose + " from " + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new ReportException("cannot close " + settings.describe() + ": " + e.getMessage(), e);
        }
    }
}
