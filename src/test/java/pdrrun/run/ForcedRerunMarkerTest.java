package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * A forced rerun replaces a stored model file by file. The structure file, stored last, means "this
 * model is stored": the old one must be gone before the first new file is stored, or a run that
 * stops while storing leaves a mix of old and new outputs that looks stored.
 */
class ForcedRerunMarkerTest {
    private static final String JOB = "100_30_-10_10_00";

    @TempDir
    Path dir;

    private Result run(Workspace w, String... extra) {
        String[] base = {
            "run",
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
            "CO"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Workspace.run(args);
    }

    @Test
    void aForcedRerunThatStopsStoringLeavesNoOldStructureFileBehind() throws IOException, SQLException {
        Workspace w = Workspace.in(dir);
        w.withWorker("  retry_backoff_s: 0\n  heartbeat_s: 1\n  max_attempts: 1\n");
        assertThat(run(w).out()).contains("Job states: finished=1");
        Path grid = w.storage.resolve("m/pdrgrid");
        Path marker = grid.resolve("pdrstruct" + JOB + ".hdf5");
        assertThat(marker).exists();
        // The archive stored just before the structure file cannot be replaced: a folder holds its name.
        Path archive = grid.resolve("MCDRT" + JOB + ".tar.gz");
        Files.delete(archive);
        Files.createDirectories(archive.resolve("occupied"));

        Result rerun = run(w, "--rerun", "finished");

        assertThat(rerun.out()).as(rerun.out() + rerun.err()).contains("Job states: failed_storage=1");
        assertThat(grid.resolve("TEXTOUT" + JOB)).exists();
        assertThat(marker).as("the old model's marker over new outputs").doesNotExist();
        assertThat(grid.resolve("pdrstruct" + JOB + ".hdf5.gz")).doesNotExist();

        // Should the job run again without --rerun (its outputs lost with this host's spool, the
        // job pending after a lost lease), it is computed, not taken as stored.
        deleteTree(w.spool);
        deleteTree(archive);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + w.database);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE pdr_model_jobs SET status = 'pending', pending = 1, active = 0");
        }
        Result again = run(w);
        assertThat(again.out()).as(again.out() + again.err()).contains("Job states: finished=1");
        assertThat(marker).exists();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
