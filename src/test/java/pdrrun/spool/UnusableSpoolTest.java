package pdrrun.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * The spool is a fallback for storage failures (and the pipeline copes with a spool that cannot
 * take outputs: it keeps the run directory). A spool folder that cannot be read must therefore not
 * stop a run whose storage works: every run and worker lists it first.
 */
class UnusableSpoolTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithWorkingStorageRunsEvenWhenTheSpoolFolderCannotBeListed() throws IOException {
        Workspace w = Workspace.in(dir);
        // Not a folder: listing it fails as an unreadable folder or a stale mount would.
        Files.writeString(w.spool, "not a folder");

        Result r = w.runOnePoint();

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=1");
        assertThat(r.err().lines().filter(l -> l.contains("warning: spool folder " + w.spool)))
                .hasSize(1);
    }

    @Test
    void aWorkerWithWorkingStorageRunsEvenWhenTheSpoolFolderCannotBeListed() throws IOException {
        Workspace w = Workspace.in(dir);
        Files.writeString(w.spool, "not a folder");
        Result submitted = Workspace.run(
                "submit",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "--chi",
                "10",
                "--species",
                "CO");
        assertThat(submitted.exitCode()).as(submitted.out() + submitted.err()).isZero();

        Result r = Workspace.run("worker", "--config", w.config.toString(), "--idle-exit", "0");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs")).isEqualTo("finished");
        assertThat(r.err()).contains("warning: spool folder " + w.spool);
    }
}
