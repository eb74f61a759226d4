package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** A grid run survives its database connections being killed and the server restarting. */
class DatabaseFaultTest {
    @TempDir
    Path dir;

    private static CompletableFuture<Result> runGrid(Workspace w) {
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"*=sleep:0.3\"\n", "");
        return CompletableFuture.supplyAsync(() -> Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "f",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "40",
                "50",
                "--chi",
                "10",
                "20",
                "30",
                "40",
                "--species",
                "CO",
                "--parallel",
                "--workers",
                "2"));
    }

    private static void assertEveryJobDoneOnce(Workspace w, Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=12");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(12);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(12);
        assertThat(w.count("hdf_files")).isEqualTo(12);
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status <> 'finished' OR lease_owner IS NOT"
                        + " NULL OR active = TRUE"))
                .isZero();
        assertThat(w.queryLong("SELECT COUNT(DISTINCT job_id) FROM json_files")).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(
            value = Dialect.class,
            names = {"MYSQL", "POSTGRESQL"})
    void killingOurConnectionsMidRunLosesAndDuplicatesNothing(Dialect dialect) throws Exception {
        try (ServerDatabases.Scratch scratch = ServerDatabases.of(dialect)) {
            Workspace w = Workspace.in(dir).withDatabase(scratch.settings());
            CompletableFuture<Result> run = runGrid(w);
            AtomicInteger killed = new AtomicInteger();
            awaitJobsStarted(w);
            try (Connection admin = DriverManager.getConnection(scratch.admin(), scratch.adminUser(), "")) {
                while (!run.isDone()) {
                    killed.addAndGet(kill(admin, dialect, scratch.settings().database()));
                    Thread.sleep(300);
                }
            }
            assertThat(killed.get()).as("connections killed").isPositive();
            assertEveryJobDoneOnce(w, run.get(120, TimeUnit.SECONDS));
        }
    }

    private static int kill(Connection admin, Dialect dialect, String database) throws SQLException {
        try (Statement s = admin.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "' AND pid <> pg_backend_pid()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT id FROM information_schema.PROCESSLIST WHERE db = '" + database + "'")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                } catch (SQLException gone) {
                    // already closed by itself
                }
            }
            return ids.size();
        }
    }

    @Test
    void restartingMariaDbMidRunLosesAndDuplicatesNothing() throws Exception {
        try (ServerDatabases.Scratch scratch = ServerDatabases.mariadb()) {
            Workspace w = Workspace.in(dir).withDatabase(scratch.settings());
            CompletableFuture<Result> run = runGrid(w);
            awaitJobsStarted(w);
            try {
                assertThat(command("mariadb-admin", "-h127.0.0.1", "-uroot", "shutdown"))
                        .isZero();
                Thread.sleep(1000);
            } finally {
                MariaDbServer.start();
            }
            assertEveryJobDoneOnce(w, run.get(180, TimeUnit.SECONDS));
        }
    }

    /** Waits until the run has registered its grid and started models. */
    private static void awaitJobsStarted(Workspace w) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status <> 'pending'") > 0) {
                    return;
                }
            } catch (IllegalStateException notYetMigrated) {
                // tables not created yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the run started no job within 60 s");
    }

    static int command(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).inheritIO().start();
        return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
