package pdrrun.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
    void aJobIsPostProcessedWhileThePreviousJobsOutputsAreStored() throws IOException {
        Workspace w = Workspace.in(dir);
        // Each model leaves 40 MB of noise in Out/, whose archive, made as the first of the
        // outputs stored after post-processing, takes a second or so: the structure file, stored
        // last, appears that much later. The step lists what storage then has.
        Path home = dir.resolve("pdrhome");
        Files.move(home.resolve("pdrexe"), home.resolve("pdrexe.demo"));
        Files.writeString(
                home.resolve("pdrexe"),
                "#!/usr/bin/env bash\n"
                        + "'" + home.resolve("pdrexe.demo") + "' \"$@\" || exit $?\n"
                        + "if [[ \"${1:-}\" != --version ]]; then head -c 40M /dev/urandom > Out/noise; fi\n");
        home.resolve("pdrexe").toFile().setExecutable(true, false);
        Path pdrgrid = dir.resolve("storage/m/pdrgrid");
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: LIST\n"
                        + "      command: [sh, -c, \"mkdir -p " + pdrgrid + " && ls " + pdrgrid + " > " + dir
                        + "/seen-$PDR_JOB_NAME.txt\"]\n"
                        + "      timeout_s: 30\n",
                "");

        Result r = w.runPoints(java.util.List.of("10", "20"));

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"
                        + " AND postproc_error IS NULL AND lease_owner IS NULL"))
                .isEqualTo(2);
        assertThat(pdrgrid.resolve("pdrstruct100_30_-10_10_00.hdf5")).exists();
        assertThat(Files.readString(dir.resolve("seen-100_30_-10_20_00.txt")))
                .as("the second job's post-processing ran before the first job's outputs were all stored")
                .doesNotContain("pdrstruct100_30_-10_10_00.hdf5");
        assertThat(event(w, 1, "finished")).as("recorded in the order claimed").isLessThan(event(w, 2, "finished"));
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
