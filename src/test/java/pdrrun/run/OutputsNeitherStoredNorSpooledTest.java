package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * When storing fails part way and not even the spool takes the rest, the outputs are in two
 * places: those stored before the failure in storage (taken files left the run directory), the
 * others in the kept run directory. The job's reason names both.
 */
class OutputsNeitherStoredNorSpooledTest {
    private static final String JOB = "100_30_-10_10_00";

    @TempDir
    Path dir;

    @Test
    void theReasonNamesStorageForWhatWasStoredAndTheKeptRunDirectoryForTheRest() throws IOException {
        Workspace w = Workspace.in(dir);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        // The structure file, stored last, cannot be stored (a folder holds its name)...
        Files.createDirectories(w.storage.resolve("m/pdrgrid/pdrstruct" + JOB + ".hdf5/occupied"));
        // ...and the spool cannot take it either (a file where the model's spool folder goes).
        Files.createDirectories(w.spool);
        Files.writeString(w.spool.resolve("m"), "not a folder");

        Result r = w.runOnePoint();

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs")).isEqualTo("failed_storage");
        assertThat(w.storage.resolve("m/pdrgrid/TEXTOUT" + JOB)).exists();
        String reason = w.queryString("SELECT error_message FROM pdr_model_jobs");
        assertThat(reason)
                .contains("spooling failed too")
                .containsPattern("\\d+ output\\(s\\) stored before the failure are in "
                        + Pattern.quote(w.storage.resolve("m").toString()))
                .contains("the others in the kept run directory " + dir.resolve("tmp"));
    }
}
