package pdrrun.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.cli.CommandRunner;
import pdrrun.testing.ServerDatabases;
import pdrrun.testing.Workspace;

/**
 * {@code submit --slurm} on a real one-node SLURM cluster (.ci/slurm-cluster.sh) with a MariaDB
 * catalog: array tasks run the workers, each job once, and a cancelled task's job is recovered.
 */
class SlurmClusterTest {
    private static Path cluster;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        if (!onPath("sbatch")) {
            String message = "sbatch not installed (apt-get install slurm-wlm munge, or .ci/install-slurm.sh)";
            if ("1".equals(System.getenv("PDR_REQUIRE_SERVERS"))) {
                Assertions.fail(message + " (PDR_REQUIRE_SERVERS=1)");
            }
            Assumptions.abort(message);
        }
        cluster = Files.createTempDirectory("pdr-slurm");
        env = new HashMap<>(System.getenv());
        env.put("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        env.put(
                "PDR_RUN_COMMAND",
                Path.of(System.getProperty("java.home"), "bin", "java")
                        + " -XX:TieredStopAtLevel=1 -cp " + BatchScript.quote(System.getProperty("java.class.path"))
                        + " pdrrun.cli.Main");
        Process start = clusterScript("start");
        String log = new String(start.getInputStream().readAllBytes());
        assertThat(start.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).as(log).isZero();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            Process stop = clusterScript("stop");
            stop.getInputStream().readAllBytes();
            stop.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void restoreEnvironment() {
        CommandRunner.environment(null);
    }

    @Test
    void aTwoTaskArrayRunsEveryJobOnce() throws Exception {
        try (ServerDatabases.Scratch db = ServerDatabases.mariadb()) {
            Workspace w = workspace(db, "*=sleep:0.5");
            String job = submit(w, "s1", List.of("10", "20", "30"), 12);
            awaitFinished(w, 12, 120);
            assertThat(w.count("hdf_files")).isEqualTo(12);
            assertThat(w.queryLong("SELECT COUNT(DISTINCT job_id) FROM hdf_files"))
                    .isEqualTo(12);
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'finished'"))
                    .isEqualTo(12);
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE cluster_job_id = '" + job + "'"))
                    .isEqualTo(12);
            assertThat(w.queryLong("SELECT COUNT(DISTINCT array_task_id) FROM job_attempts"))
                    .isEqualTo(2);
            assertThat(Workspace.run("status", "--config", w.config.toString()).out())
                    .contains("12 grid points, ok 12")
                    .contains("cluster job " + job + ": 12 attempt(s) from 2 array task(s), 0 running");
            awaitGone(job);
        }
    }

    @Test
    void aCancelledTasksJobIsRecoveredByTheOther() throws Exception {
        try (ServerDatabases.Scratch db = ServerDatabases.mariadb()) {
            Workspace w = workspace(db, "*=sleep:3");
            String job = submit(w, "s2", List.of("10", "20"), 8);
            String running = "SELECT MIN(j.id) FROM pdr_model_jobs j JOIN job_attempts a ON a.job_id = j.id"
                    + " AND a.finished_at IS NULL WHERE j.status = 'running' AND a.array_task_id = '1'";
            await(() -> w.queryString(running) != null, 60, "a job running in array task 1");
            long victim = Long.parseLong(w.queryString(running));
            new Sbatch(env, Duration.ofSeconds(30)).cancel(List.of(job + "_1"));
            awaitFinished(w, 8, 180);
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = " + victim
                            + " AND array_task_id = '1' AND outcome IN ('lost', 'released')"))
                    .as("the cancelled task's attempt was released or recovered")
                    .isEqualTo(1);
            assertThat(w.queryString("SELECT array_task_id FROM job_attempts WHERE job_id = " + victim
                            + " AND outcome = 'finished'"))
                    .isEqualTo("0");
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'finished'"))
                    .isEqualTo(8);
            assertThat(w.queryLong("SELECT COUNT(DISTINCT job_id) FROM hdf_files"))
                    .isEqualTo(8);
            assertThat(w.count("hdf_files")).isEqualTo(8);
            awaitGone(job);
        }
    }

    private Workspace workspace(ServerDatabases.Scratch db, String modes) {
        Workspace w = Workspace.in(dir).withDatabase(db.settings());
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"" + modes + "\"\n", "");
        CommandRunner.environment(env);
        return w;
    }

    /** Registers chi x 4 densities and submits a 2-task array; returns the cluster job id. */
    private static String submit(Workspace w, String model, List<String> chi, int jobs) {
        List<String> args = new ArrayList<>(List.of(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                model,
                "--metal",
                "100",
                "--mass",
                "-10",
                "--species",
                "CO",
                "--dens",
                "10",
                "11",
                "12",
                "13",
                "--slurm",
                "--array",
                "2",
                "--worker-idle-exit",
                "3",
                "--chi"));
        args.addAll(chi);
        Workspace.Result r = Workspace.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(jobs + " new jobs");
        Matcher m = Pattern.compile("submitted to SLURM: job (\\d+)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    private void awaitFinished(Workspace w, int jobs, int seconds) throws InterruptedException {
        await(
                () -> w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'") == jobs,
                seconds,
                jobs + " finished jobs; task logs in " + w.config.getParent().resolve("pdr-run-slurm"));
    }

    /** Waits until the array's tasks have left the queue (the workers exit when idle). */
    private static void awaitGone(String job) throws InterruptedException {
        await(() -> squeue(job).isBlank(), 30, "array " + job + " to leave the queue");
    }

    private static String squeue(String job) {
        try {
            return new Sbatch(env, Duration.ofSeconds(10)).run(List.of("squeue", "-h", "-j", job));
        } catch (SlurmException e) {
            return ""; // finished jobs are unknown to squeue after a while
        }
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static boolean onPath(String command) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(p, command))) {
                return true;
            }
        }
        return false;
    }

    private static Process clusterScript(String action) throws IOException {
        Path script = Path.of(".ci", "slurm-cluster.sh").toAbsolutePath();
        ProcessBuilder pb =
                new ProcessBuilder("bash", script.toString(), action, cluster.toString()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }
}
