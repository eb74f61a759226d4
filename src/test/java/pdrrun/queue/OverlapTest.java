package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * worker.overlap: a slot starts its next model while the previous job's post-processing and
 * storing still run, and waits for them to be recorded before the run ends; without it, a job's
 * model starts only once the previous job is recorded.
 */
class OverlapTest {
    @TempDir
    Path dir;

    /** Two points, one slot; every job's post-processing takes a second. */
    private Result runTwoPoints(Workspace w) {
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: SLOW\n"
                        + "      command: [sleep, \"1\"]\n"
                        + "      timeout_s: 10\n",
                "");
        return w.runPoints(java.util.List.of("10", "20"));
    }

    /** The order in which the catalog heard of an event ({@code started}: claimed; {@code finished}: recorded). */
    private static long event(Workspace w, long job, String kind) {
        return w.queryLong("SELECT id FROM job_events WHERE job_id = " + job + " AND kind = '" + kind + "'");
    }

    @Test
    void theNextModelStartsWhileThePreviousJobIsPostProcessed() {
        Workspace w = Workspace.in(dir);

        Result r = runTwoPoints(w);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"
                        + " AND postproc_error IS NULL AND lease_owner IS NULL"))
                .isEqualTo(2);
        assertThat(w.count("hdf_files")).as("one row per job").isEqualTo(2);
        assertThat(event(w, 2, "started")).isLessThan(event(w, 1, "finished"));
    }

    @Test
    void withoutOverlapTheNextModelWaitsUntilThePreviousJobIsRecorded() {
        Workspace w = Workspace.in(dir);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  overlap: false\n");

        Result r = runTwoPoints(w);

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(2);
        assertThat(event(w, 2, "started")).isGreaterThan(event(w, 1, "finished"));
    }
}
