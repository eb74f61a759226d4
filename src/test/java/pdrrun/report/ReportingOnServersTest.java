package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pdrrun.catalog.Dialect;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * The reporting commands on the server catalogs (MariaDB, PostgreSQL): their SQL is shared with
 * SQLite, so each back end must read the same grid: one converged point, one aborted after its
 * four attempts (the workspace's worker.max_attempts), one pending.
 */
class ReportingOnServersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(
            value = Dialect.class,
            names = {"MYSQL", "POSTGRESQL"})
    void statusJobsExportAndReportReadAServerCatalog(Dialect dialect) throws Exception {
        try (ServerDatabases.Scratch scratch = ServerDatabases.of(dialect)) {
            Workspace w = Workspace.in(dir).withDatabase(scratch.settings());
            w.writeConfig("  environment:\n    PDRDEMO_MODES: \"100_31_*=aborted\"\n", "");
            assertThat(cli(
                                    w,
                                    "run",
                                    "--model-name",
                                    "m",
                                    "--metal",
                                    "100",
                                    "--dens",
                                    "30",
                                    "31",
                                    "--mass",
                                    "-10",
                                    "--chi",
                                    "10",
                                    "--species",
                                    "CO")
                            .exitCode())
                    .isEqualTo(1);
            assertThat(cli(
                                    w,
                                    "submit",
                                    "--model-name",
                                    "m",
                                    "--metal",
                                    "100",
                                    "--dens",
                                    "30",
                                    "31",
                                    "32",
                                    "--mass",
                                    "-10",
                                    "--chi",
                                    "10",
                                    "--species",
                                    "CO")
                            .exitCode())
                    .isZero();

            Result status = cli(w, "status", "--json");
            assertThat(status.exitCode()).as(status.err()).isZero();
            JsonNode doc = JSON.readTree(status.out());
            try (InputStream schema = getClass().getResourceAsStream("/pdrrun/report/status.schema.json")) {
                assertThat(JsonSchemaSubset.violations(JSON.readTree(schema), doc))
                        .isEmpty();
            }
            JsonNode m = doc.get("models").get(0);
            assertThat(m.get("states").toString()).isEqualTo("{\"aborted\":1,\"finished\":1,\"pending\":1}");
            assertThat(m.get("points").toString())
                    .isEqualTo("[{\"job_name\":\"100_30_-10_10_00\",\"state\":\"finished\",\"class\":\"ok\",\"rows\":1,"
                            + "\"attempts\":1},{\"job_name\":\"100_31_-10_10_00\",\"state\":\"aborted\",\"class\":\"bad\","
                            + "\"rows\":1,\"attempts\":4},{\"job_name\":\"100_32_-10_10_00\",\"state\":\"pending\","
                            + "\"class\":\"pending\",\"rows\":1,\"attempts\":0}]");
            assertThat(m.get("eta").get("samples").asInt()).isEqualTo(1);

            assertThat(cli(w, "jobs", "list", "--where", "dens>30").out())
                    .contains("100_31_-10_10_00", "100_32_-10_10_00", "2 job(s)");
            Result show = cli(w, "jobs", "show", "100_31_-10_10_00");
            assertThat(show.exitCode()).as(show.err()).isZero();
            assertThat(show.out()).contains("state: aborted (bad)", "attempt 4 of row ", ", aborted, exit code 7");
            List<String> csv = cli(w, "export", "--format", "csv").out().lines().toList();
            assertThat(csv).hasSize(4);
            assertThat(csv.get(1)).contains(",100_30_-10_10_00,100,30,-10,10,", ",finished,ok,1,1,");
            Path html = dir.resolve("report.html");
            assertThat(cli(w, "report", "--out", html.toString()).exitCode()).isZero();
            JsonNode data = HtmlReportData.of(html);
            assertThat(data.get("points")).hasSize(3);
            assertThat(data.get("modelHours").asDouble())
                    .isEqualTo(m.get("model_hours").asDouble());
        }
    }

    private static Result cli(Workspace w, String... args) {
        List<String> full = new ArrayList<>(Arrays.asList(args));
        full.addAll(List.of("--config", w.config.toString()));
        return Workspace.run(full.toArray(String[]::new));
    }
}
