package pdrrun.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * An open catalog: one connection pool per process, migrated to the newest schema. Close it to
 * return every connection. Thread-safe.
 */
public final class Catalog implements AutoCloseable {
    private final DatabaseSettings settings;
    private final HikariDataSource dataSource;
    private final Transactions transactions;

    private Catalog(DatabaseSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource, new CatalogMetrics(), 100);
    }

    /** Opens the pool and applies pending migrations (baselining a database of the original). */
    public static Catalog open(DatabaseSettings settings) {
        if (settings.dialect() == Dialect.SQLITE) {
            createParent(settings.file());
        }
        HikariDataSource dataSource = new HikariDataSource(poolConfig(settings));
        try {
            migrate(settings, dataSource);
            return new Catalog(settings, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** Hikari's system property: how long after its last use a connection is handed out unchecked. */
    static final String ALIVE_BYPASS_PROPERTY = "com.zaxxer.hikari.aliveBypassWindowMs";

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        // By default the pool pings a connection unused for 0.5 s before handing it out: one
        // round trip more for nearly every claim and record of a run of short jobs. 5 s keeps the
        // time in which a dead connection goes unnoticed short (there is no socket timeout).
        // A connection that died unnoticed instead fails its transaction with a connection error,
        // which Transactions retries on another connection (and a claim whose answer was lost is
        // found again by its owner), and the keepalive below still checks idle ones.
        if (System.getProperty(ALIVE_BYPASS_PROPERTY) == null) {
            System.setProperty(ALIVE_BYPASS_PROPERTY, "5000");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("pdr-run");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, settings.poolTimeout().toMillis()));
        config.setMaxLifetime(Math.max(30_000, settings.poolRecycle().toMillis()));
        // Idle connections are checked before use and kept alive, the original's pool_pre_ping.
        config.setKeepaliveTime(
                Math.min(120_000, Math.max(30_000, settings.poolRecycle().toMillis() / 2)));
        if (settings.dialect() == Dialect.SQLITE) {
            // WAL lets readers (status) work beside one writer; IMMEDIATE takes the write lock at
            // BEGIN, so two registering processes queue on busy_timeout instead of deadlocking
            // on a read-to-write lock upgrade.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("busy_timeout", Long.toString(settings.busyTimeoutMillis()));
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("synchronous", "NORMAL");
            // A large page cache keeps the random inserts into the hash indexes of a big grid in
            // memory until commit (negative value: KiB).
            config.addDataSourceProperty("cache_size", "-262144");
            config.addDataSourceProperty("temp_store", "MEMORY");
        } else {
            config.setUsername(settings.username());
            config.setPassword(settings.password());
            config.setMinimumIdle(0);
            // Every use is a transaction (Transactions): connections that start without autocommit
            // spare MariaDB's driver a "set autocommit" round trip on the way in and the pool's
            // reset on the way out, two of a claim's ten. Not for SQLite, whose driver would begin
            // the next (write-locking) transaction right after each commit.
            config.setAutoCommit(false);
            // Claims are guarded updates, so no transaction needs repeatable reads; under
            // MariaDB's default REPEATABLE READ a claim's locking read of the (status, id) index
            // also locked the gaps around the rows it passed, and a worker recording its job (which
            // moves the row in that index) deadlocked with it about once in 40 jobs with 4
            // workers. READ COMMITTED locks rows only; it is PostgreSQL's default.
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return config;
    }

    /**
     * Applies pending migrations. Several workers starting at once on a fresh catalog race to
     * create the schema history (Flyway then finds it "already exists, and is empty" while another
     * process fills it): such failures are retried a few times after a random pause.
     */
    private static void migrate(DatabaseSettings settings, HikariDataSource dataSource) {
        for (int attempt = 1; ; attempt++) {
            try {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations(settings.dialect().migrationLocation())
                        .baselineOnMigrate(true)
                        .baselineVersion("1")
                        .baselineDescription("tables of the original pdr_run")
                        .load()
                        .migrate();
                return;
            } catch (FlywayException e) {
                if (attempt >= 5) {
                    throw new CatalogException(
                            "cannot migrate the catalog " + settings.describe() + ": " + Transactions.describe(e), e);
                }
                try {
                    Thread.sleep(200L * attempt
                            + java.util.concurrent.ThreadLocalRandom.current().nextLong(300));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new CatalogException("interrupted while migrating " + settings.describe(), interrupted);
                }
            }
        }
    }

    private static void createParent(Path file) {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new CatalogException(
                    "cannot create the folder of the catalog file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens up to {@code connections} pooled connections now, so that that many threads starting
     * at once do not each wait for a new one; see {@link Transactions#openAhead}.
     */
    public void openAhead(int connections) {
        transactions.openAhead(Math.min(connections, settings.poolSize()));
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public Transactions transactions() {
        return transactions;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
