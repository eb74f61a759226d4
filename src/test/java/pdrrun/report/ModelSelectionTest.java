package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * Two models in one catalog: model a ran three points and has three more pending, model b ran one
 * point whose ONION step failed. The reporting commands select models with --model, write to
 * --out, and show the post-processing error, the ETA and the core hours.
 */
class ModelSelectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Workspace w;

    @BeforeAll
    static void runTwoModels() {
        w = Workspace.in(dir);
        w.writeConfig("  environment:\n    PDRDEMO_ONION_FAIL: \"C+\"\n", "");
        Result a = cli(
                "run",
                "--model-name",
                "a",
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
                "CO");
        assertThat(a.exitCode()).as(a.out() + a.err()).isZero();
        Result more = cli(
                "submit",
                "--model-name",
                "a",
                "--metal",
                "100",
                "--dens",
                "30",
                "31",
                "32",
                "33",
                "34",
                "35",
                "--mass",
                "-10",
                "--chi",
                "10",
                "--species",
                "CO");
        assertThat(more.exitCode()).as(more.out() + more.err()).isZero();
        Result b = cli(
                "run",
                "--model-name",
                "b",
                "--metal",
                "100",
                "--dens",
                "40",
                "--mass",
                "-10",
                "--chi",
                "10",
                "--species",
                "C+");
        assertThat(b.exitCode()).as(b.out() + b.err()).isEqualTo(1);
    }

    private static Result cli(String... args) {
        List<String> full = new ArrayList<>(Arrays.asList(args));
        full.addAll(List.of("--config", w.config.toString()));
        return Workspace.run(full.toArray(String[]::new));
    }

    @Test
    void statusOfOneModelGoesToTheOutFile() throws Exception {
        Path out = dir.resolve("b.json");
        Result r = cli("status", "--model", "b", "--json", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("status written to " + out);
        JsonNode models = JSON.readTree(Files.readString(out)).get("models");
        assertThat(models).hasSize(1);
        JsonNode b = models.get(0);
        assertThat(b.get("model").asText()).isEqualTo("b");
        assertThat(b.get("states").toString()).isEqualTo("{\"finished\":1}");
        assertThat(b.get("postproc_errors").asInt()).isEqualTo(1);
        JsonNode newest = b.get("events").get(0);
        assertThat(newest.get("kind").asText()).isEqualTo("postproc_error");
        assertThat(newest.get("job_name").asText()).isEqualTo("100_40_-10_10_00");
        assertThat(newest.get("message").asText()).startsWith("ONION C+");

        Result text = cli("status");
        assertThat(text.out())
                .contains("model a: 6 grid points, ok 3, warn 0, bad 0, run 0, pending 3")
                .contains("model b: 1 grid points, ok 1")
                .contains("post-processing errors: 1 point(s)")
                .contains("100_40_-10_10_00 postproc_error: ONION C+");
        Result unknown = cli("status", "--model", "c");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no model 'c'", "models: a, b");
    }

    @Test
    void etaAndCoreHoursFollowTheFinishedRunTimes() throws Exception {
        JsonNode a = JSON.readTree(cli("status", "--json", "--model", "a", "--workers", "2", "--cores-per-model", "4")
                        .out())
                .get("models")
                .get(0);
        List<Double> times = new ArrayList<>();
        JSON.readTree(cli("export", "--model", "a", "--format", "json").out()).forEach(p -> {
            if (p.get("state").asText().equals("finished")) {
                times.add(p.get("execution_seconds").asDouble());
            }
        });
        times.sort(Double::compare);
        assertThat(times).hasSize(3);
        JsonNode eta = a.get("eta");
        assertThat(eta.get("pending").asInt()).isEqualTo(3);
        assertThat(eta.get("workers").asInt()).isEqualTo(2);
        assertThat(eta.get("workers_from").asText()).isEqualTo("option");
        assertThat(eta.get("samples").asInt()).isEqualTo(3);
        double scale = 3 / 2.0;
        assertThat(eta.get("p10_s").asDouble())
                .isCloseTo((times.get(0) + 0.2 * (times.get(1) - times.get(0))) * scale, within(1e-9));
        assertThat(eta.get("p50_s").asDouble()).isCloseTo(times.get(1) * scale, within(1e-9));
        assertThat(eta.get("p90_s").asDouble())
                .isCloseTo((times.get(1) + 0.8 * (times.get(2) - times.get(1))) * scale, within(1e-9));
        double hours = times.stream().mapToDouble(Double::doubleValue).sum() / 3600;
        assertThat(a.get("model_hours").asDouble()).isCloseTo(hours, within(1e-12));
        assertThat(a.get("cores_per_model").asInt()).isEqualTo(4);
        assertThat(a.get("core_hours").asDouble()).isCloseTo(4 * hours, within(1e-12));
        // Nothing runs and no --workers: one worker, said so.
        JsonNode plain = JSON.readTree(cli("status", "--json", "--model", "a").out())
                .get("models")
                .get(0)
                .get("eta");
        assertThat(plain.get("workers").asInt()).isEqualTo(1);
        assertThat(plain.get("workers_from").asText()).isEqualTo("default");
    }

    @Test
    void jobsListAndShowSelectByModelAndShowPostProcessingErrors() {
        Result a = cli("jobs", "list", "--model", "a");
        assertThat(a.out()).contains("6 job(s)", "100_35_-10_10_00").doesNotContain("100_40_-10_10_00");
        Result pending = cli("jobs", "list", "--model", "a", "--state", "pending");
        assertThat(pending.out()).contains("3 job(s)", "100_33_-10_10_00").doesNotContain("100_30_-10_10_00");
        Result b = cli("jobs", "list", "--model", "b");
        assertThat(b.out()).contains("1 job(s)", "100_40_-10_10_00");
        Result show = cli("jobs", "show", "100_40_-10_10_00");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("state: finished (ok)", "post-processing errors: ONION C+");
        Result ambiguous = cli("export");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--model is needed", "models: a, b");
    }
}
