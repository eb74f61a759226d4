package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.storage.Checksums;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * status, jobs, export and report through the command line on a grid the demo executables ran,
 * with converged, relaxed, not converged and aborted points: they must agree with each other.
 */
class ReportingCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Workspace w;

    @BeforeAll
    static void runGrid() {
        w = Workspace.in(dir);
        w.writeConfig(
                "  max_walltime_s: 600\n  environment:\n    PDRDEMO_MODES: \"100_31_*=relaxed,100_32_*=not_converged,"
                        + "100_34_*=aborted\"\n",
                "");
        Result r = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "31",
                "32",
                "34",
                "--chi",
                "10",
                "20",
                "--species",
                "CO");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    }

    private static Result cli(String... args) {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = w.config.toString();
        return Workspace.run(full);
    }

    static JsonNode statusJson() throws Exception {
        Result r = cli("status", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode status = JSON.readTree(r.out());
        try (InputStream schema =
                ReportingCommandsTest.class.getResourceAsStream("/pdrrun/report/status.schema.json")) {
            assertThat(JsonSchemaSubset.violations(JSON.readTree(schema), status))
                    .isEmpty();
        }
        return status;
    }

    @Test
    void statusCountsByStateAndClassFollowTheSchema() throws Exception {
        JsonNode m = statusJson().get("models").get(0);
        assertThat(m.get("model").asText()).isEqualTo("m");
        assertThat(m.get("total_points").asLong()).isEqualTo(8);
        assertThat(m.get("states").toString())
                .isEqualTo("{\"aborted\":2,\"finished\":2,\"finished_relaxed\":2,\"not_converged\":2}");
        assertThat(m.get("classes").toString()).isEqualTo("{\"ok\":4,\"warn\":2,\"bad\":2,\"run\":0,\"pending\":0}");
        assertThat(m.get("points")).hasSize(8);
        assertThat(m.get("eta").get("samples").asInt()).isEqualTo(6);
        assertThat(m.get("events").size()).isEqualTo((int) Math.min(20, w.count("job_events")));
        Result text = cli("status");
        assertThat(text.out()).contains("model m: 8 grid points, ok 4, warn 2, bad 2, run 0, pending 0");
    }

    @Test
    void exportAndReportAgreeWithStatus() throws Exception {
        Map<String, String> fromStatus = new TreeMap<>();
        statusJson()
                .get("models")
                .get(0)
                .get("points")
                .forEach(p -> fromStatus.put(
                        p.get("job_name").asText(), p.get("state").asText()));
        Result csv = cli("export", "--model", "m", "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(9);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String> fromCsv = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            fromCsv.put(f[header.indexOf("job_name")], f[header.indexOf("state")]);
            assertThat(Double.parseDouble(f[header.indexOf("xnsur")]))
                    .isCloseTo(
                            Math.pow(10, Double.parseDouble(f[header.indexOf("dens")]) / 10),
                            org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(fromCsv).isEqualTo(fromStatus);
        Map<String, String> fromJson = new TreeMap<>();
        JSON.readTree(cli("export", "--model", "m", "--format", "json").out())
                .forEach(p ->
                        fromJson.put(p.get("job_name").asText(), p.get("state").asText()));
        assertThat(fromJson).isEqualTo(fromStatus);
        Path html = dir.resolve("report.html");
        assertThat(cli("report", "--model", "m", "--out", html.toString()).exitCode())
                .isZero();
        String page = Files.readString(html);
        assertThat(page)
                .contains("\"classes\":{\"bad\":2,\"ok\":4,\"warn\":2}")
                .doesNotContain("<script src", "<link", "url(", "import ");
        fromStatus.forEach(
                (job, state) -> assertThat(page).contains("\"" + state + "\",").contains(job));
    }

    @Test
    void jobsListFiltersByStateAndAxes() {
        Result bad = cli("jobs", "list", "--state", "bad");
        assertThat(bad.out()).contains("100_34_-10_10_00", "100_34_-10_20_00").contains("2 job(s)");
        Result where = cli("jobs", "list", "--where", "dens>=32 and not chi==20");
        assertThat(where.out()).contains("100_32_-10_10_00", "100_34_-10_10_00").contains("2 job(s)");
        Result wrong = cli("jobs", "list", "--where", "dens>=32 and chi<<20");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip()).doesNotContain("\n").contains("position 18");
    }

    @Test
    void jobsShowGivesParametersProvenanceOutputsAndTextoutTail() throws Exception {
        Result ok = cli("jobs", "show", "100_30_-10_10_00");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        String hdf5 =
                w.storage.resolve("m/pdrgrid/pdrstruct100_30_-10_10_00.hdf5").toString();
        assertThat(ok.out())
                .contains("state: finished (ok)", "xnsur=1000.0", "sint=10.0", "revision demo-r42", "user Test User")
                .contains(hdf5 + "  sha256 " + Checksums.sha256(Path.of(hdf5)))
                .contains("| Model CONVERGED in")
                .contains("started claimed by");
        long id = w.queryLong("SELECT id FROM pdr_model_jobs WHERE model_job_name = '100_34_-10_20_00'");
        Result aborted = cli("jobs", "show", Long.toString(id));
        assertThat(aborted.out()).contains("100_34_-10_20_00", "state: aborted (bad)", "exit code");
        // The attempt history: each automatic retry of the aborted model, who ran it and how it ended.
        String host = java.net.InetAddress.getLocalHost().getHostName();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(aborted.out())
                    .containsPattern("attempt " + attempt + " of row " + id + ": \\S+ on " + host
                            + " \\(pid \\d+\\), \\S+ \\S+ \\.\\. \\S+ \\S+, aborted, exit code 7");
        }
        assertThat(ok.out()).containsPattern("attempt 1 of row \\d+: \\S+ on " + host + " .*, finished, exit code 0");
        assertThat(cli("jobs", "show", "100_99_-10_10_00").exitCode()).isEqualTo(2);
    }

    @Test
    void reportingCommandsLeaveTheCatalogUntouched() throws Exception {
        Path db = w.database;
        String before = Checksums.sha256(db);
        List<Path> filesBefore;
        try (var files = Files.list(db.getParent())) {
            filesBefore = files.sorted().toList();
        }
        cli("status", "--json");
        cli("jobs", "list");
        cli("jobs", "show", "100_30_-10_10_00");
        cli("export", "--model", "m");
        cli("report", "--model", "m", "--out", dir.resolve("r2.html").toString());
        assertThat(Checksums.sha256(db)).isEqualTo(before);
        try (var files = Files.list(db.getParent())) {
            assertThat(files.sorted().toList()).isEqualTo(filesBefore);
        }
    }
}
