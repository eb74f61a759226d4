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
import pdrrun.storage.StorageBackend;
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
    void theStructureFileIsStoredLastOnceEveryOtherFileIsStored() throws Exception {
        Path run = modelRun(true);
        LocalStorage local = new LocalStorage(dir.resolve("storage"));
        List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger inFlightAtStructure =
                new java.util.concurrent.atomic.AtomicInteger(-1);
        StorageBackend recording = (StorageBackend) java.lang.reflect.Proxy.newProxyInstance(
                StorageBackend.class.getClassLoader(), new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    boolean storing = method.getName().startsWith("store");
                    if (storing) {
                        if (((String) args[1]).endsWith("pdrstructJ.hdf5")) {
                            inFlightAtStructure.set(inFlight.get());
                        }
                        inFlight.incrementAndGet();
                        Thread.sleep(20); // long enough for a take started alongside to be seen
                    }
                    try {
                        return method.invoke(local, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (storing) {
                            order.add((String) args[1]);
                            inFlight.decrementAndGet();
                        }
                    }
                });
        OutputStore store = new OutputStore(
                recording, new StorageRetry(1, Duration.ZERO, d -> {}), CompressionPolicy.none(), true, () ->
                        (SpoolWriter) null);

        ModelOutputs.store(run, new StoragePaths("m", "J"), JobStatus.FINISHED, store, new HashMap<>());

        assertThat(order).hasSize(9).last().isEqualTo("m/pdrgrid/pdrstructJ.hdf5");
        assertThat(inFlightAtStructure.get())
                .as("other files still being stored")
                .isZero();
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
