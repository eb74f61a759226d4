package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * status while a model runs: a real `pdr-run run` process under SLURM variables runs one model
 * that finishes and one that hangs (demo mode hang) until the wall-time cap kills it. status must
 * show the hanging job with its host, cluster job and array task, elapsed time against the cap and
 * the live progress of its TEXTOUT; afterwards the started and timeout events.
 */
class StatusOfRunningJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP_S = 8;

    @TempDir
    Path dir;

    @Test
    void runningJobShowsHostClusterJobElapsedAgainstCapAndLiveProgress() throws Exception {
        Workspace w = Workspace.in(dir);
        w.writeConfig(
                "  max_walltime_s: " + CAP_S + "\n  environment:\n    PDRDEMO_MODES: \"100_30_-10_20_00=hang\"\n", "");
        Process run = startRun(w);
        try {
            JsonNode m = waitForLiveProgress(w, run);
            JsonNode r = m.get("running").get(0);
            assertThat(r.get("job_name").asText()).isEqualTo("100_30_-10_20_00");
            assertThat(r.get("host").asText())
                    .isEqualTo(InetAddress.getLocalHost().getHostName());
            assertThat(r.get("cluster_job").asText()).isEqualTo("4242");
            assertThat(r.get("array_task").asText()).isEqualTo("7");
            assertThat(r.get("cap_s").asDouble()).isEqualTo(CAP_S);
            assertThat(r.get("elapsed_s").asLong()).isBetween(0L, (long) CAP_S + 2);
            assertThat(r.get("textout").asText()).startsWith(dir.resolve("tmp").toString());
            JsonNode progress = r.get("progress");
            assertThat(progress.get("iteration").asInt()).isEqualTo(2);
            assertThat(progress.get("shell").isInt()).isTrue();
            assertThat(progress.get("av").isNumber()).isTrue();
            assertThat(progress.get("tgas").isNumber()).isTrue();
            assertThat(m.get("classes").get("run").asInt()).isEqualTo(1);
            // One finished run time, nothing pending, one busy worker slot.
            assertThat(m.get("eta").get("workers").asInt()).isEqualTo(1);
            assertThat(m.get("eta").get("workers_from").asText()).isEqualTo("running");
            assertThat(m.get("eta").get("samples").asInt()).isEqualTo(1);
            Result text = Workspace.run("status", "--config", w.config.toString());
            assertThat(text.out())
                    .contains("running: 1")
                    .contains("100_30_-10_20_00 (job " + r.get("id").asLong() + ") on "
                            + InetAddress.getLocalHost().getHostName())
                    .contains("cluster job 4242_7")
                    .contains(" of " + CAP_S + ".0 s cap (")
                    .contains(" iteration 2 AV ");
        } finally {
            if (!run.waitFor(60, TimeUnit.SECONDS)) {
                run.destroyForcibly().waitFor();
            }
        }
        assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isEqualTo(1);
        JsonNode after = status(w);
        assertThat(after.get("states").toString()).isEqualTo("{\"finished\":1,\"timeout\":1}");
        assertThat(after.get("running")).isEmpty();
        List<String> kinds = new ArrayList<>();
        after.get("events")
                .forEach(e -> kinds.add(
                        e.get("kind").asText() + " " + e.get("job_name").asText()));
        assertThat(kinds)
                .contains(
                        "started 100_30_-10_20_00",
                        "timeout 100_30_-10_20_00",
                        "started 100_30_-10_10_00",
                        "finished 100_30_-10_10_00");
        assertThat(after.get("cluster_jobs").get(0).get("job_id").asText()).isEqualTo("4242");
    }

    private Process startRun(Workspace w) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "pdrrun.cli.Main",
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--dens",
                "30",
                "--mass",
                "-10",
                "--chi",
                "10",
                "20");
        pb.environment().put("SLURM_JOB_ID", "4242");
        pb.environment().put("SLURM_ARRAY_TASK_ID", "7");
        pb.environment().remove("SLURM_ARRAY_JOB_ID");
        return pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile())
                .start();
    }

    /** Polls status until the hanging job shows iteration 2 from its TEXTOUT. */
    private JsonNode waitForLiveProgress(Workspace w, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode m = null;
        while (System.nanoTime() < deadline && run.isAlive()) {
            if (Files.exists(w.database)) {
                m = status(w);
                JsonNode running = m == null ? null : m.get("running");
                if (running != null
                        && running.size() == 1
                        && running.get(0).get("progress").path("iteration").asInt() == 2) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no live progress of the hanging job; last status " + m + "; run log "
                + Files.readString(dir.resolve("run.log")));
    }

    private static JsonNode status(Workspace w) throws Exception {
        Result r = Workspace.run("status", "--json", "--config", w.config.toString());
        if (r.exitCode() != 0) {
            return null; // the catalog may not hold the model yet
        }
        JsonNode status = JSON.readTree(r.out());
        try (InputStream schema =
                StatusOfRunningJobTest.class.getResourceAsStream("/pdrrun/report/status.schema.json")) {
            assertThat(JsonSchemaSubset.violations(JSON.readTree(schema), status))
                    .isEmpty();
        }
        return status.get("models").size() == 0 ? null : status.get("models").get(0);
    }
}
