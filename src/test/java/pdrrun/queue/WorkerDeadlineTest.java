package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * {@code worker --deadline-epoch-ms}: a job is started only when its wall-time cap
 * (pdr.max_walltime_s) still ends before the deadline, the SLURM allocation end.
 */
class WorkerDeadlineTest {
    @TempDir
    Path dir;

    /** Four jobs of one model, each sleeping {@code sleep} seconds under a cap of {@code capSeconds}. */
    private Workspace fourJobs(double sleep, int capSeconds) {
        Workspace w = Workspace.in(dir);
        w.writeConfig(
                "  max_walltime_s: " + capSeconds + "\n  environment:\n    PDRDEMO_MODES: \"*=sleep:" + sleep + "\"\n",
                "");
        Result r = Workspace.run(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "d",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--chi",
                "10",
                "20",
                "--dens",
                "10",
                "11",
                "--species",
                "CO");
        assertThat(r.out()).as(r.err()).contains("4 new jobs");
        return w;
    }

    /**
     * Runs a worker in this JVM with a deadline {@code fromNow} ahead; returns how long it took. An
     * idle exit of a minute shows that the deadline, not idleness, ended a worker that returns fast.
     */
    private static Duration worker(Workspace w, Duration fromNow, int idleExitSeconds) {
        long deadline = System.currentTimeMillis() + fromNow.toMillis();
        long t0 = System.nanoTime();
        Result r = Workspace.run(
                "worker",
                "--config",
                w.config.toString(),
                "--idle-exit",
                Integer.toString(idleExitSeconds),
                "--deadline-epoch-ms",
                Long.toString(deadline));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void aDeadlineCloserThanTheWallTimeCapStartsNothingAndTheWorkerExitsAtOnce() {
        Workspace w = fourJobs(0.1, 600);

        // The deadline is 5 min away: ample time for these jobs, but not for their 10 min cap.
        Duration took = worker(w, Duration.ofMinutes(5), 60);

        assertThat(took).as("exits without waiting for --idle-exit").isLessThan(Duration.ofSeconds(30));
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending'"))
                .isEqualTo(4);
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE lease_owner IS NOT NULL OR attempts > 0"))
                .isZero();
        assertThat(w.count("job_attempts")).as("nothing was claimed").isZero();
        assertThat(w.count("hdf_files")).isZero();
    }

    @Test
    void aDeadlineBeyondTheCapLetsTheWorkerRunEveryJob() {
        Workspace w = fourJobs(0.1, 600);

        worker(w, Duration.ofMinutes(11), 1);

        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(4);
        assertThat(w.count("hdf_files")).isEqualTo(4);
    }

    @Test
    void theWorkerStopsClaimingOnceTheNextCapNoLongerFitsBeforeTheDeadline() {
        // Cap 6 s, jobs of 3 s, deadline 9 s ahead: the first job starts within 3 s of now (its cap
        // ends before the deadline); when it ends, 3 s or more later, a second cap would not fit.
        Workspace w = fourJobs(3, 6);

        Duration took = worker(w, Duration.ofSeconds(9), 60);

        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(1);
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending' AND attempts = 0"))
                .isEqualTo(3);
        assertThat(w.count("job_attempts")).isEqualTo(1);
    }
}
