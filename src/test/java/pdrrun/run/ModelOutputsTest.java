package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.job.JobStatus;
import pdrrun.spool.SpoolWriter;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.LocalStorage;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/** What a finished model's run directory leaves in storage. */
class ModelOutputsTest {
    @TempDir
    Path dir;

    @Test
    void everyOutputIsStoredUnderItsNameTheStructureFileToo() throws Exception {
        Path run = modelRun(true);
        Map<String, String> columns = new HashMap<>();

        ModelOutputs.store(run, new StoragePaths("m", "J"), JobStatus.FINISHED, store(), columns);

        for (String stored : List.of(
                "TEXTOUTJ",
                "PDRNEWJ.INP",
                "pdr_configJ.json",
                "pdrJ.hdf",
                "pdrchemJ.hdf5",
                "chemchkJ.out",
                "CTRL_INDJ",
                "MCDRTJ.tar.gz",
                "pdrstructJ.hdf5")) {
            assertThat(dir.resolve("storage/m/pdrgrid/" + stored)).as(stored).exists();
        }
        assertThat(columns).containsEntry("output_hdf5_file", "m/pdrgrid/pdrstructJ.hdf5");
        assertThat(run.resolve("MCDRT.tar.gz")).doesNotExist();
    }

    @Test
    void anArchiveThatCannotBeMadeStillLeavesTheLogAndInputsStoredButNotTheResults() throws Exception {
        Path run = modelRun(false); // no Out/ folder
        Map<String, String> columns = new HashMap<>();

        assertThatThrownBy(
                        () -> ModelOutputs.store(run, new StoragePaths("m", "J"), JobStatus.FINISHED, store(), columns))
                .isInstanceOf(StorageException.class);

        assertThat(dir.resolve("storage/m/pdrgrid/TEXTOUTJ")).hasContent("log");
        assertThat(dir.resolve("storage/m/pdrgrid/PDRNEWJ.INP")).exists();
        assertThat(dir.resolve("storage/m/pdrgrid/pdr_configJ.json")).exists();
        assertThat(columns).containsEntry("output_textout_file", "m/pdrgrid/TEXTOUTJ");
        assertThat(dir.resolve("storage/m/pdrgrid/pdrJ.hdf")).doesNotExist();
        assertThat(dir.resolve("storage/m/pdrgrid/pdrstructJ.hdf5"))
                .as("the 'stored' marker")
                .doesNotExist();
        assertThat(run.resolve("pdroutput/pdrstruct_s.hdf5")).exists();
    }

    private OutputStore store() {
        return new OutputStore(
                new LocalStorage(dir.resolve("storage")),
                new StorageRetry(1, Duration.ZERO, d -> {}),
                CompressionPolicy.none(),
                true,
                () -> (SpoolWriter) null);
    }

    private Path modelRun(boolean withOut) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run/pdroutput")).getParent();
        Files.writeString(run.resolve("pdroutput/TEXTOUT"), "log");
        for (String name : List.of("pdrout.hdf", "pdrstruct_s.hdf5", "pdrchem_c.hdf5", "chemchk.out", "CTRL_IND")) {
            Files.writeString(run.resolve("pdroutput/" + name), name);
        }
        Files.writeString(run.resolve("PDRNEW.INP"), "inp");
        Files.writeString(run.resolve("pdr_config.json"), "{}");
        if (withOut) {
            Files.createDirectories(run.resolve("Out"));
            Files.writeString(run.resolve("Out/mcdrt.out"), "mcdrt");
        }
        return run;
    }
}
