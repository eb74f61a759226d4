package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** Worker processes sharing one grid, on every catalog back end. */
abstract class WorkerContract {
    @TempDir
    Path dir;

    abstract Workspace workspace(Path dir);

    /** Registers a 60-point grid whose models sleep 0.2 to 1 s. */
    static void submit(Workspace w, String modes) {
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"" + modes + "\"\n", "");
        List<String> args = new ArrayList<>(List.of(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "q",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--chi",
                "10",
                "20",
                "30",
                "40",
                "--species",
                "CO",
                "--dens"));
        for (int d = 10; d < 25; d++) {
            args.add(Integer.toString(d));
        }
        Result r = Workspace.run(args.toArray(String[]::new));
        assertThat(r.out()).as(r.err()).contains("60 new jobs");
    }

    static void assertEveryJobDoneOnce(Workspace w) {
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(60);
        assertThat(w.count("hdf_files")).isEqualTo(60);
        assertThat(w.queryLong("SELECT COUNT(DISTINCT job_id) FROM hdf_files")).isEqualTo(60);
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE lease_owner IS NOT NULL OR active = TRUE"))
                .isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE outcome = 'finished'"))
                .isEqualTo(60);
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE finished_at IS NULL"))
                .isZero();
    }

    @Test
    void threeWorkerProcessesRunEveryJobExactlyOnce() throws Exception {
        Workspace w = workspace(dir);
        submit(w, "*_1?_-10_10_00=sleep:0.2,*_1?_-10_20_00=sleep:0.5,*=sleep:0.3");
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            workers.add(WorkerProcesses.start(w.config, dir.resolve("worker" + i + ".log"), "--idle-exit", "2"));
        }
        for (int i = 0; i < 3; i++) {
            Process p = workers.get(i);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue())
                    .as(Files.readString(dir.resolve("worker" + i + ".log")))
                    .isZero();
        }
        assertEveryJobDoneOnce(w);
        assertThat(w.queryLong("SELECT COUNT(DISTINCT worker) FROM job_attempts"))
                .as("all three worked")
                .isEqualTo(3);
        assertThat(w.queryLong("SELECT MAX(attempts) FROM pdr_model_jobs")).isEqualTo(1);
    }

    /** Waits until a job runs under the given process and returns its id. */
    static long runningJobOf(Workspace w, long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String id = w.queryString("SELECT MIN(id) FROM pdr_model_jobs WHERE status = 'running' AND lease_owner LIKE"
                    + " '%:" + pid + ":%'");
            if (id != null) {
                return Long.parseLong(id);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no job started by process " + pid);
    }

    @Test
    void jobsOfKilledWorkersAreRecoveredAndCompletedOnce() throws Exception {
        Workspace w = workspace(dir);
        submit(w, "*=sleep:0.4");
        Process steady = WorkerProcesses.start(w.config, dir.resolve("steady.log"), "--idle-exit", "8");
        List<Long> killedJobs = new ArrayList<>();
        for (int kill = 0; kill < 3; kill++) {
            Process victim = WorkerProcesses.start(w.config, dir.resolve("victim" + kill + ".log"), "--idle-exit", "8");
            killedJobs.add(runningJobOf(w, victim.pid()));
            victim.destroyForcibly();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(steady.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(steady.exitValue())
                .as(Files.readString(dir.resolve("steady.log")))
                .isZero();
        assertEveryJobDoneOnce(w);
        // A recovered job may be claimed by the next victim and killed again: count per distinct job.
        long lost = 0;
        for (long job : new java.util.TreeSet<>(killedJobs)) {
            long lostOfJob =
                    w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE job_id = " + job + " AND outcome = 'lost'");
            assertThat(lostOfJob).as("job %d", job).isPositive();
            assertThat(w.queryLong("SELECT COUNT(*) FROM job_events WHERE job_id = " + job + " AND kind = 'recovered'"))
                    .isEqualTo(lostOfJob);
            lost += lostOfJob;
        }
        assertThat(lost).isEqualTo(killedJobs.size());
    }

    @Test
    void sigtermReleasesTheRunningJobWithoutCountingAnAttempt() throws Exception {
        Workspace w = workspace(dir);
        submit(w, "*=sleep:30");
        Process worker = WorkerProcesses.start(w.config, dir.resolve("w.log"), "--idle-exit", "8");
        long job = runningJobOf(w, worker.pid());
        worker.destroy();
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("w.log"))).contains("released when stopped");
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = " + job))
                .isEqualTo("pending");
        assertThat(w.queryLong("SELECT attempts FROM pdr_model_jobs WHERE id = " + job))
                .isZero();
        assertThat(w.queryString("SELECT outcome FROM job_attempts WHERE job_id = " + job))
                .isEqualTo("released");
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'running'"))
                .isZero();
    }

    @Test
    void aWorkerStartedDuringARunSharesTheGrid() throws Exception {
        Workspace w = workspace(dir);
        submit(w, "*=sleep:0.3");
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "q",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--chi",
                "10",
                "--dens",
                "10",
                "--species",
                "CO"));
        runningJobOf(w, ProcessHandle.current().pid());
        Process worker = WorkerProcesses.start(w.config, dir.resolve("w.log"), "--idle-exit", "3");
        assertThat(worker.waitFor(180, TimeUnit.SECONDS)).isTrue();
        Result r = run.get(180, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertEveryJobDoneOnce(w);
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE worker LIKE '%:" + worker.pid() + ":%'"))
                .isPositive();
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_attempts WHERE worker LIKE '%:"
                        + ProcessHandle.current().pid() + ":%'"))
                .isPositive();
    }
}
