package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.storage.Checksums;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * The acceptance of the reporting commands: in an empty folder, `pdr-run demo`, then `pdr-run
 * status`, `jobs show`, `export` and `report` without a configuration (real processes in that
 * folder), and every grid point must read the same in all of them: state, class, rows, attempts,
 * run time, iterations, output files with their checksums; the totals and model hours too.
 */
class DemoAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusJobsShowExportAndReportAgreeAfterTheDemo() throws Exception {
        assertThat(pdrRun("demo").exitCode()).isZero();
        Result statusRun = pdrRun("status", "--json");
        assertThat(statusRun.exitCode()).as(statusRun.err()).isZero();
        JsonNode status = JSON.readTree(statusRun.out()).get("models").get(0);
        assertThat(pdrRun("report", "--out", "report.html").exitCode()).isZero();
        JsonNode report = HtmlReportData.of(dir.resolve("report.html"));
        JsonNode exportJson = JSON.readTree(pdrRun("export", "--format", "json").out());
        List<Map<String, String>> csv = csv(pdrRun("export", "--format", "csv").out());

        assertThat(status.get("model").asText()).isEqualTo("demo");
        assertThat(status.get("total_points").asInt()).isEqualTo(9);
        assertThat(exportJson).hasSize(9);
        assertThat(csv).hasSize(9);
        assertThat(report.get("points")).hasSize(9);

        Map<String, JsonNode> statusPoints = byName(status.get("points"), "job_name");
        Map<String, JsonNode> reportPoints = new HashMap<>();
        report.get("points").forEach(p -> reportPoints.put(p.get(8).asText(), p));
        Map<String, Long> classes = new HashMap<>();
        double seconds = 0;
        for (int i = 0; i < exportJson.size(); i++) {
            JsonNode e = exportJson.get(i);
            Map<String, String> c = csv.get(i);
            String name = e.get("job_name").asText();
            assertThat(c.get("job_name")).isEqualTo(name);
            for (String column : GridExport.COLUMNS) {
                JsonNode v = e.get(column);
                String text = v.isNull() ? "" : v.isNumber() ? GridExport.csvField(v.asDouble()) : v.asText();
                assertThat(c.get(column)).as(name + " " + column).isEqualTo(text);
            }
            JsonNode s = statusPoints.get(name);
            assertThat(s.get("state").asText())
                    .as(name)
                    .isEqualTo(e.get("state").asText());
            assertThat(s.get("class").asText()).isEqualTo(e.get("class").asText());
            assertThat(s.get("rows").asInt()).isEqualTo(e.get("rows").asInt());
            assertThat(s.get("attempts").asInt()).isEqualTo(e.get("attempts").asInt());
            JsonNode r = reportPoints.get(name);
            assertThat(r.get(4).asText()).isEqualTo(e.get("state").asText());
            assertThat(r.get(5).asText()).isEqualTo(e.get("class").asText());
            assertThat(r.get(6).asDouble()).isEqualTo(e.get("execution_seconds").asDouble());
            assertThat(r.get(7).asInt())
                    .isEqualTo(e.get("run_status_global_iterations").asInt());
            assertThat(r.get(10).asInt()).isEqualTo(e.get("rows").asInt());
            assertThat(r.get(11).asInt()).isEqualTo(e.get("attempts").asInt());
            assertThat(List.of(
                            r.get(0).asDouble(),
                            r.get(1).asDouble(),
                            r.get(2).asDouble(),
                            r.get(3).asDouble()))
                    .isEqualTo(List.of(
                            e.get("metal").asDouble(),
                            e.get("dens").asDouble(),
                            e.get("mass").asDouble(),
                            e.get("chi").asDouble()));
            assertJobsShowAgrees(name, e);
            classes.merge(e.get("class").asText(), 1L, Long::sum);
            seconds += e.get("execution_seconds").asDouble();
        }
        status.get("classes")
                .fields()
                .forEachRemaining(f -> assertThat(f.getValue().asLong())
                        .as(f.getKey())
                        .isEqualTo(classes.getOrDefault(f.getKey(), 0L)));
        report.get("classes")
                .fields()
                .forEachRemaining(f -> assertThat(f.getValue().asLong()).isEqualTo(classes.get(f.getKey())));
        assertThat(status.get("model_hours").asDouble()).isCloseTo(seconds / 3600, within(1e-12));
        assertThat(report.get("modelHours").asDouble())
                .isEqualTo(status.get("model_hours").asDouble());
        Result text = pdrRun("status");
        assertThat(text.out()).contains("model demo: 9 grid points, ok 9, warn 0, bad 0, run 0, pending 0");
        // jobs show as a process too, the way a user types it after the demo.
        Result show = pdrRun("jobs", "show", "100_40_-10_20_00");
        assertThat(show.out())
                .contains("job "
                        + byName(exportJson, "job_name")
                                .get("100_40_-10_20_00")
                                .get("job_id")
                                .asLong() + ": 100_40_-10_20_00");
    }

    /** jobs show (in this JVM, on the demo's configuration) against the export row of one point. */
    private void assertJobsShowAgrees(String name, JsonNode e) throws Exception {
        Result r = Workspace.run(
                "jobs",
                "show",
                name,
                "--config",
                dir.resolve("pdr-demo/config.yaml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("job " + e.get("job_id").asLong() + ": " + name + " (model demo)")
                .contains("state: " + e.get("state").asText() + " ("
                        + e.get("class").asText() + "); attempts of this row: "
                        + e.get("attempts").asInt() + "; rows of this grid point: "
                        + e.get("rows").asInt())
                .contains("wall time "
                        + StatusText.duration(e.get("execution_seconds").asDouble()))
                .contains("convergence: " + e.get("run_status_converged").asText() + ", "
                        + e.get("run_status_global_iterations").asInt() + " global iterations")
                .contains("TEXTOUT tail (" + e.get("output_textout_file").asText() + ")");
        for (String column : List.of("output_hdf5_file", "output_hdf4_file")) {
            Path file = Path.of(e.get(column).asText());
            assertThat(file).isRegularFile();
            assertThat(r.out()).contains(file + "  sha256 " + Checksums.sha256(file));
        }
    }

    private static Map<String, JsonNode> byName(JsonNode array, String field) {
        Map<String, JsonNode> map = new HashMap<>();
        array.forEach(p -> map.put(p.get(field).asText(), p));
        return map;
    }

    private static List<Map<String, String>> csv(String text) {
        List<String> lines = text.lines().toList();
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1); // demo values hold no commas or quotes
            assertThat(fields).hasSameSizeAs(header);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** `pdr-run ARGS` as a process in the test folder, without a configuration. */
    private Result pdrRun(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "pdrrun.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("pdr-run " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
