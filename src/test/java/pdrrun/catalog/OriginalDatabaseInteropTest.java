package pdrrun.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** Databases written by the original pdr_run are baselined, read and extended without losing a row. */
class OriginalDatabaseInteropTest {
    private static final List<String> JOBS =
            List.of("100_30_-10_10_00", "100_30_-10_20_00", "100_40_-10_10_00", "100_40_-10_20_00");

    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        return new String(
                OriginalDatabaseInteropTest.class.getResourceAsStream(name).readAllBytes(), StandardCharsets.UTF_8);
    }

    static void execute(Connection c, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : script.split(";\\s*\\n")) {
                String sql = statement.strip();
                if (!sql.isEmpty() && !sql.startsWith("--")) {
                    s.execute(sql);
                }
            }
        }
    }

    private static void storeModels(Workspace w) throws IOException {
        Path pdrgrid = w.storage.resolve("grid_b/pdrgrid");
        Files.createDirectories(pdrgrid);
        for (String job : JOBS) {
            Files.writeString(pdrgrid.resolve("pdrstruct" + job + ".hdf5"), "computed by the original");
        }
    }

    @Test
    void sqliteDatabaseOfTheOriginalIsMigratedReadAndRerunSkipsStoredModels() throws Exception {
        Workspace w = Workspace.in(dir);
        Files.createDirectories(w.database.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + w.database)) {
            execute(c, resource("/pdr_run_db/grid_b_sqlite_dump.sql"));
        }
        long jobsBefore = w.count("pdr_model_jobs");
        String firstRow =
                w.queryString("SELECT model_job_name || status || time_of_start FROM pdr_model_jobs WHERE id = 1");
        storeModels(w);

        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "grid_b",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "40",
                "--chi",
                "10",
                "20",
                "--species",
                "CO");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: skipped=4");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(jobsBefore + 4);
        assertThat(w.queryString("SELECT model_job_name || status || time_of_start FROM pdr_model_jobs WHERE id = 1"))
                .isEqualTo(firstRow);
        assertThat(w.count("hdf_files")).isEqualTo(8);
        assertThat(w.count("json_files")).isEqualTo(4);
        assertThat(w.queryString("SELECT group_concat(version || ':' || type, ' ') FROM flyway_schema_history"))
                .isEqualTo("1:BASELINE 2:SQL 3:SQL 4:SQL 5:SQL");
        try (Catalog catalog = Catalog.open(DatabaseSettings.sqlite(w.database))) {
            long model = new JobRepository(catalog, Clock.systemUTC())
                    .modelId("grid_b")
                    .orElseThrow();
            assertThat(new JobRepository(catalog, Clock.systemUTC()).countsByStatus(model))
                    .isEqualTo(Map.of("skipped", 4L));
        }
    }

    @Test
    void mariadbSchemaOfTheOriginalIsBaselinedAndExtended() throws Exception {
        try (ServerDatabases.Scratch scratch = ServerDatabases.mariadb()) {
            DatabaseSettings s = scratch.settings();
            try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.username(), s.password())) {
                String ddl = resource("/pdr_run_db/schema_mysql.sql").replaceAll("(?m)^/\\*[^\\n]*\\*/;?\\s*$", "");
                execute(c, "SET FOREIGN_KEY_CHECKS = 0;\n" + ddl);
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO model_names (model_name, model_path) VALUES ('grid_b', '/data/grid_b')");
                    st.execute("INSERT INTO pdr_model_jobs (model_name_id, model_job_name, status, pending, active)"
                            + " VALUES (1, '100_30_-10_10_00', 'finished', 0, 0)");
                }
            }
            Workspace w = Workspace.in(dir).withDatabase(s);
            storeModels(w);
            Result r = Workspace.run(
                    "run",
                    "--config",
                    w.config.toString(),
                    "--model-name",
                    "grid_b",
                    "--metal",
                    "100",
                    "--mass",
                    "-10",
                    "--dens",
                    "30",
                    "40",
                    "--chi",
                    "10",
                    "20",
                    "--species",
                    "CO");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("Job states: skipped=4");
            assertThat(w.count("pdr_model_jobs")).isEqualTo(5);
            assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = 1"))
                    .isEqualTo("finished");
            assertThat(w.queryString("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                            + s.database() + "' AND TABLE_NAME = 'kosmatau_parameters' AND COLUMN_NAME = 'rtot'"))
                    .isEqualTo("float");
        }
    }
}
