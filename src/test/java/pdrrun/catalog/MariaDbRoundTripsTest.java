package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.config.ConfigLoader;
import pdrrun.run.GridSubmission;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;

/** What claims, counts and transactions cost on MariaDB: rows read and round trips. */
class MariaDbRoundTripsTest {
    private ServerDatabases.Scratch scratch;

    @BeforeEach
    void create() {
        scratch = ServerDatabases.mariadb();
    }

    @AfterEach
    void drop() {
        scratch.close();
    }

    @Test
    void aClaimReadsTheOldestPendingJobNotEveryFinishedOne(@TempDir Path dir) {
        try (Catalog catalog = Catalog.open(oneConnection())) {
            long model = registerGrid(catalog, dir);
            catalog.transactions().inTransaction("finish most jobs", c -> {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("UPDATE pdr_model_jobs SET status = 'finished' WHERE id NOT IN "
                            + "(SELECT id FROM (SELECT MAX(id) AS id FROM pdr_model_jobs) last)");
                }
                return null;
            });
            long before = rowsRead(catalog);
            assertThat(new JobRepository(catalog, Clock.systemUTC()).claimNext(model, "me"))
                    .isPresent();
            // 2,499 finished jobs come before the pending one in id order: a claim that walks them
            // reads about 2,500 index entries.
            assertThat(rowsRead(catalog) - before).isLessThan(100);
        }
    }

    @Test
    void countingAGridsStatesReadsEachJobOnceNotEveryPair(@TempDir Path dir) {
        // "id = (SELECT MAX(id) ... same job name)" per row read 6.25 million rows for 2,500 jobs
        // (seconds; minutes for a 10,000-job grid) at the start of every run.
        try (Catalog catalog = Catalog.open(oneConnection())) {
            long model = registerGrid(catalog, dir);
            long before = rowsRead(catalog);
            assertThat(new JobRepository(catalog, Clock.systemUTC()).countsByStatus(model))
                    .containsExactly(Map.entry("pending", 2500L));
            assertThat(rowsRead(catalog) - before).as("a few reads per job").isLessThan(6 * 2500);
        }
    }

    /** A 50 x 50 grid (2,500 jobs), registered; its model id. */
    private static long registerGrid(Catalog catalog, Path dir) {
        Workspace w = Workspace.in(dir).withDatabase(catalog.settings());
        List<String> dens = new ArrayList<>();
        List<String> chi = new ArrayList<>();
        for (int d = 10; d < 60; d++) {
            dens.add(Integer.toString(d));
            chi.add(Integer.toString(d - 10));
        }
        var config = ConfigLoader.load(w.config, Map.of())
                .with("pdr", "model_name", "c", "t")
                .with("model_parameters", "metal", List.of("100"), "t")
                .with("model_parameters", "mass", List.of("-10"), "t")
                .with("model_parameters", "dens", dens, "t")
                .with("model_parameters", "chi", chi, "t");
        return new GridRegistrar(catalog, Clock.systemUTC())
                .register(GridSubmission.prepare(config))
                .modelId();
    }

    /** The scratch database with one connection, so the session counters see every statement. */
    private DatabaseSettings oneConnection() {
        DatabaseSettings s = scratch.settings();
        return new DatabaseSettings(
                s.dialect(),
                s.file(),
                s.host(),
                s.port(),
                s.database(),
                s.username(),
                s.password(),
                1,
                s.busyTimeoutMillis(),
                s.poolTimeout(),
                s.poolRecycle());
    }

    /** Rows and index entries the session has read (every Handler_read counter). */
    private static long rowsRead(Catalog catalog) {
        return catalog.transactions().inTransaction("read counters", c -> {
            long sum = 0;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Handler_read%'")) {
                while (rs.next()) {
                    sum += rs.getLong(2);
                }
            }
            return sum;
        });
    }

    @Test
    void transactionsSendNoSetAutocommitStatements() {
        // Com_set_option counts "SET autocommit=..." per session: read it at the start of each
        // transaction; between two transactions on one connection it must not grow.
        Map<Long, List<Long>> byConnection = new HashMap<>();
        try (Catalog catalog = Catalog.open(scratch.settings())) {
            for (int i = 0; i < 30; i++) {
                catalog.transactions().inTransaction("count set statements", c -> {
                    try (Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), (SELECT VARIABLE_VALUE FROM "
                                    + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_SET_OPTION')")) {
                        rs.next();
                        byConnection
                                .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(rs.getLong(2));
                    }
                    return null;
                });
            }
        }
        List<Long> counts = byConnection.values().stream()
                .max((a, b) -> a.size() - b.size())
                .orElseThrow();
        assertThat(counts).hasSizeGreaterThan(1);
        assertThat(counts.get(counts.size() - 1) - counts.get(0))
                .as("SET statements over %d transactions on one connection", counts.size())
                .isZero();
    }

    @Test
    void aConnectionUsedAgainWithinFiveSecondsIsNotPingedFirst() throws Exception {
        // A ping (COM_PING) counts among the session's Com_admin_commands. The pool's default
        // pings a connection unused for 0.5 s before handing it out again.
        try (Catalog catalog = Catalog.open(scratch.settings())) {
            long[] before = adminCommands(catalog);
            Thread.sleep(800);
            long[] after = adminCommands(catalog);

            assertThat(after[0]).as("the same connection").isEqualTo(before[0]);
            assertThat(after[1] - before[1]).as("pings in between").isZero();
        }
    }

    /** The connection's id and its count of admin commands so far. */
    private static long[] adminCommands(Catalog catalog) {
        return catalog.transactions().inTransaction("count admin commands", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), (SELECT VARIABLE_VALUE FROM "
                            + "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'COM_ADMIN_COMMANDS')")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
    }
}
