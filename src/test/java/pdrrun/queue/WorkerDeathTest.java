package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** What becomes of a worker JVM's model when the worker dies or is stopped together with it. */
class WorkerDeathTest {
    @TempDir
    Path dir;

    private Process worker;
    private long model;

    @AfterEach
    void killLeftovers() throws Exception {
        if (worker != null) {
            worker.destroyForcibly();
            worker.waitFor(10, TimeUnit.SECONDS);
        }
        if (model > 0) {
            // The demo model's own child (its sleep) is in the model's group: take it down too.
            new ProcessBuilder("kill", "-KILL", "--", "-" + model)
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A two-job grid whose models sleep a minute, and one worker process on it. */
    private Workspace oneWorkerOnSlowJobs() throws IOException, InterruptedException {
        Workspace w = Workspace.in(dir);
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"*=sleep:60\"\n", "");
        Result r = Workspace.run(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "k",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--chi",
                "10",
                "--dens",
                "10",
                "11",
                "--species",
                "CO");
        assertThat(r.out()).as(r.err()).contains("2 new jobs");
        worker = WorkerProcesses.start(w.config, dir.resolve("worker.log"), "--idle-exit", "60");
        model = modelOf(worker);
        return w;
    }

    /**
     * Waits until the worker's child runs the demo pdrexe itself (bash is its program: the launch
     * commands before it have exec'd) and returns its pid.
     */
    private static long modelOf(Process worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (ProcessHandle child : worker.children().toList()) {
                List<String> argv = commandLine(child.pid());
                if (argv.size() > 1
                        && argv.get(0).endsWith("bash")
                        && argv.get(1).endsWith("pdrexe")) {
                    return child.pid();
                }
            }
            assertThat(worker.isAlive()).as("worker alive").isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no model started by worker " + worker.pid());
    }

    private static List<String> commandLine(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean goneWithin(long pid, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (Workspace.processRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void theModelOfAWorkerKilledWithSigkillDiesWithIt() throws Exception {
        oneWorkerOnSlowJobs();

        worker.destroyForcibly();
        assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(goneWithin(model, 2000))
                .as("model %d outlived its worker (kill -9): an orphan computing into a run directory", model)
                .isTrue();
    }

    @Test
    void aModelKilledByTheSameStopAsItsWorkerIsReleasedNotCounted() throws Exception {
        // As scancel does: SIGTERM to the worker and, a moment later, to every process of the task.
        Workspace w = oneWorkerOnSlowJobs();
        String job = w.queryString("SELECT id FROM pdr_model_jobs WHERE status = 'running'");

        worker.destroy();
        Thread.sleep(400); // the worker has heard SIGTERM; its grace (1 s) has not run out
        ProcessHandle.of(model).ifPresent(ProcessHandle::destroy);

        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(goneWithin(model, 1000)).isTrue();
        String log = Files.readString(dir.resolve("worker.log"));
        assertThat(w.queryString("SELECT outcome FROM job_attempts WHERE job_id = " + job))
                .as(log)
                .isEqualTo("released");
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending' AND attempts = 0"))
                .isEqualTo(2);
        assertThat(w.count("job_attempts")).isEqualTo(1);
    }

    @Test
    void aModelKilledByItsOwnWallTimeCapWhileTheWorkerStopsIsRecordedAsATimeout() throws Exception {
        Workspace w = Workspace.in(dir);
        // The grace outlasts the cap: the model's run ends by our cap's SIGTERM (exit 143) while
        // the worker stops.
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  grace_s: 60\n  max_attempts: 4\n");
        w.writeConfig(
                "  max_walltime_s: 3\n  kill_grace_s: 2\n  environment:\n    PDRDEMO_MODES: \"*=sleep:60\"\n", "");
        Result r = Workspace.run(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "k",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--chi",
                "10",
                "--dens",
                "10",
                "--species",
                "CO");
        assertThat(r.out()).as(r.err()).contains("1 new jobs");
        worker = WorkerProcesses.start(w.config, dir.resolve("worker.log"), "--idle-exit", "60");
        model = modelOf(worker);

        worker.destroy();

        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("worker.log"));
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs")).as(log).isEqualTo("timeout");
        assertThat(w.queryString("SELECT exit_code FROM pdr_model_jobs")).isEqualTo("143");
        assertThat(w.queryString("SELECT outcome FROM job_attempts")).isEqualTo("timeout");
        assertThat(w.queryLong("SELECT attempts FROM pdr_model_jobs")).isEqualTo(1);
    }

    @Test
    void onlyAnAbortedRunOfTheModelItselfCountsAsKilledByTheStop() {
        assertThat(Worker.killedByTheStop(result(JobStatus.ABORTED, 143))).isTrue();
        assertThat(Worker.killedByTheStop(result(JobStatus.ABORTED, 7))).isFalse();
        assertThat(Worker.killedByTheStop(result(JobStatus.TIMEOUT, 143)))
                .as("our wall-time cap")
                .isFalse();
        assertThat(Worker.killedByTheStop(result(JobStatus.STALLED, 137)))
                .as("our stall watchdog")
                .isFalse();
        assertThat(Worker.killedByTheStop(result(JobStatus.ABORTED, 143).fromSpoolEntry("node1/2026-01-01T00:00:00Z")))
                .as("stored from the spool: the exit code of a run long before the stop")
                .isFalse();
    }

    private static JobResult result(JobStatus status, int exitCode) {
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 0, 0);
        return JobResult.withoutFiles(status, t, t, 1.0, exitCode, "killed");
    }
}
