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
import java.util.stream.Stream;
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
 * catalog: array tasks run the workers, each job once; a cancelled task's job is recovered; tasks
 * whose allocation ends before a job's cap would start nothing; {@code cancel} ends a model's array
 * and releases its jobs.
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

    @Test
    void tasksWhoseAllocationEndsBeforeAWallTimeCapWouldStartNoJob() throws Exception {
        // The time limit reaches the script only as a plain sbatch option, so the deadline can come
        // from nothing but the controller's answer to squeue (the --time fallback is not written).
        try (ServerDatabases.Scratch db = ServerDatabases.mariadb()) {
            Workspace w = workspace(db, "*=sleep:0.2", "  max_walltime_s: 600\n");
            String job = submit(w, "s3", List.of("10"), 4, "--sbatch-option=-t 5");
            awaitGone(job);
            assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending' AND attempts = 0"))
                    .as("%s %s", attempts(w), taskLogs(w))
                    .isEqualTo(4);
            assertThat(w.count("job_attempts")).as("no task claimed a job").isZero();
            assertThat(taskLogs(w))
                    .as("both tasks ran their worker, which stopped for the allocation end")
                    .hasSize(2)
                    .allSatisfy(log -> assertThat(log).contains("stops claiming: a job could not finish"));
        }
    }

    @Test
    void cancelRemovesTheModelsArrayAndReleasesItsRunningJobs() throws Exception {
        try (ServerDatabases.Scratch db = ServerDatabases.mariadb()) {
            Workspace w = workspace(db, "*=sleep:120");
            String job = submit(w, "s4", List.of("10", "20"), 8);
            String runningInBothTasks = "SELECT COUNT(DISTINCT a.array_task_id) FROM pdr_model_jobs j JOIN"
                    + " job_attempts a ON a.job_id = j.id AND a.finished_at IS NULL WHERE j.status = 'running'";
            await(() -> w.queryLong(runningInBothTasks) == 2, 60, "a running job in each array task");
            String wasRunning =
                    w.queryString("SELECT GROUP_CONCAT(id ORDER BY id) FROM pdr_model_jobs WHERE status = 'running'");

            Workspace.Result cancel = Workspace.run("cancel", "--config", w.config.toString(), "--model", "s4");

            assertThat(cancel.exitCode()).as(cancel.out() + cancel.err()).isZero();
            assertThat(cancel.out())
                    .contains("cancelled SLURM job(s) " + job + "; released 2 running job(s) to pending");
            awaitGone(job);
            await(() -> processesIn(w.dir).isEmpty(), 10, "the workers and models of the array to end");
            assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending' AND attempts = 0"
                            + " AND lease_owner IS NULL"))
                    .as("every job pending again, no attempt counted; attempts: %s", attempts(w))
                    .isEqualTo(8);
            assertThat(w.queryString("SELECT GROUP_CONCAT(job_id ORDER BY job_id) FROM job_attempts"
                            + " WHERE outcome = 'released' AND finished_at IS NOT NULL"))
                    .as("one released attempt per job that ran, and no other attempt")
                    .isEqualTo(wasRunning);
            assertThat(w.count("job_attempts")).isEqualTo(2);
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_events WHERE kind = 'released'"))
                    .isEqualTo(2);
            assertThat(w.count("hdf_files")).isZero();
            assertThat(Workspace.run("status", "--config", w.config.toString()).out())
                    .contains("8 grid points, ok 0, warn 0, bad 0, run 0, pending 8")
                    .contains("running: 0")
                    .contains("cluster job " + job + ": 2 attempt(s) from 2 array task(s), 0 running");
        }
    }

    private Workspace workspace(ServerDatabases.Scratch db, String modes) {
        return workspace(db, modes, "");
    }

    /** {@code pdrKeys}: further lines of the pdr section ("  max_walltime_s: 600\n"). */
    private Workspace workspace(ServerDatabases.Scratch db, String modes, String pdrKeys) {
        Workspace w = Workspace.in(dir).withDatabase(db.settings());
        w.writeConfig(pdrKeys + "  environment:\n    PDRDEMO_MODES: \"" + modes + "\"\n", "");
        CommandRunner.environment(env);
        return w;
    }

    /**
     * Registers chi x 4 densities and submits a 2-task array, with {@code options} added to the
     * submit command; returns the cluster job id.
     */
    private static String submit(Workspace w, String model, List<String> chi, int jobs, String... options) {
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
                "3"));
        args.addAll(List.of(options));
        args.add("--chi");
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

    private static String attempts(Workspace w) {
        return w.queryString("SELECT GROUP_CONCAT(CONCAT_WS(' ', job_id, outcome, exit_code, error, worker,"
                        + " started_at, finished_at) ORDER BY id SEPARATOR '; ') FROM job_attempts")
                + " jobs: "
                + w.queryString("SELECT GROUP_CONCAT(CONCAT_WS(' ', id, status, attempts, lease_owner) ORDER BY id"
                        + " SEPARATOR '; ') FROM pdr_model_jobs");
    }

    /** The output files of the array tasks (slurm-%A_%a.out). */
    private static List<String> taskLogs(Workspace w) throws IOException {
        try (Stream<Path> files = Files.list(w.config.getParent().resolve("pdr-run-slurm"))) {
            List<String> logs = new ArrayList<>();
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".out"))
                    .toList()) {
                logs.add(Files.readString(f));
            }
            return logs;
        }
    }

    /** Pids of the processes that work in {@code dir} or name it on their command line. */
    private static List<Long> processesIn(Path dir) {
        String root = dir.toAbsolutePath().toString();
        List<Long> found = new ArrayList<>();
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            Path proc = Path.of("/proc", Long.toString(p.pid()));
            try {
                String cwd = Files.readSymbolicLink(proc.resolve("cwd")).toString();
                String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                if ((cwd.startsWith(root) || cmdline.contains(root)) && Workspace.processRunning(p.pid())) {
                    found.add(p.pid());
                }
            } catch (IOException e) {
                // gone meanwhile, or not ours to read
            }
        }
        return found;
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
