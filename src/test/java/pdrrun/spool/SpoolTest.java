package pdrrun.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.catalog.FileRecord;
import pdrrun.catalog.JobResult;
import pdrrun.job.JobStatus;
import pdrrun.storage.Checksums;
import pdrrun.storage.LocalStorage;
import pdrrun.storage.StorageException;
import pdrrun.storage.StorageRetry;

/** The spool on real files: entries, manifests, and storing from them into a local folder. */
class SpoolTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private final StorageRetry noRetry = new StorageRetry(1, Duration.ZERO, d -> {});

    private Spool spool() {
        return new Spool(dir.resolve("spool"), "node7", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Path output(String name, String text) throws IOException {
        Path file = dir.resolve("run").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static PendingResult finishedResult() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("run_status_converged", "strict");
        columns.put("run_status_global_iterations", 7);
        columns.put("run_status_eps_final", 3.25e-6);
        columns.put("run_status_git_hash", null);
        Map<String, String> fileColumns = new LinkedHashMap<>();
        fileColumns.put("output_textout_file", "m/pdrgrid/TEXTOUT1");
        fileColumns.put("log_file", "m/pdrgrid/TEXTOUT1");
        fileColumns.put("output_hdf5_file", "m/pdrgrid/pdrstruct1.hdf5");
        fileColumns.put("input_json_file", "m/pdrgrid/pdr_config1.json");
        return new PendingResult(
                JobStatus.FINISHED,
                LocalDateTime.of(2026, 3, 1, 1, 0),
                LocalDateTime.of(2026, 3, 1, 11, 30, 15),
                37815.5,
                0,
                null,
                "ONION CO: exited with code 5",
                "{\"a\":1}",
                "ab".repeat(32),
                new FileRecord(
                        "t.json", "templates/t.json", null, 12, "cd".repeat(32), LocalDateTime.of(1970, 1, 1, 0, 0)),
                columns,
                fileColumns,
                List.of("m/pdrgrid/pdr1.hdf", "m/pdrgrid/pdrstruct1.hdf5", "m/pdrgrid/pdrchem1.hdf5"),
                "m/pdrgrid/pdr_config1.json");
    }

    /** An entry of job 12 with TEXTOUT already stored and the rest spooled (TEXTOUT gzipped). */
    private SpoolEntry spooledEntry(LocalStorage storage) throws IOException {
        SpoolWriter writer = spool().begin(12, "m", "1");
        writer.uploaded(
                "m/pdrgrid/TEXTOUT1", true, storage.storeGzipped(output("TEXTOUT", "log\n"), "m/pdrgrid/TEXTOUT1"));
        writer.stage(output("pdr_config.json", "{\"a\":1}"), "m/pdrgrid/pdr_config1.json", false);
        writer.stage(output("pdrout.hdf", "hdf4"), "m/pdrgrid/pdr1.hdf", false);
        writer.stage(output("pdrchem_c.hdf5", "chem"), "m/pdrgrid/pdrchem1.hdf5", true);
        writer.stage(output("pdrstruct_s.hdf5", "struct"), "m/pdrgrid/pdrstruct1.hdf5", false);
        return writer.complete(1, "store m/pdrgrid/pdr_config1.json failed: connection lost", finishedResult());
    }

    @Test
    void anEntryWithoutItsManifestIsIncompleteAndNeverOffered() throws IOException {
        SpoolWriter writer = spool().begin(12, "m", "1");
        writer.stage(output("TEXTOUT", "log\n"), "m/pdrgrid/TEXTOUT1", false);

        assertThat(spool().find("m", "1")).isEmpty();
        Spool.Listing listing = spool().list(List.of());
        assertThat(listing.complete()).isEmpty();
        assertThat(listing.incomplete()).containsExactly(spool().folder("m", "1"));

        writer.complete(1, "lost", finishedResult());
        assertThat(spool().find("m", "1")).isPresent();
        assertThat(spool().list(List.of()).incomplete()).isEmpty();
        try (var files = Files.list(spool().folder("m", "1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("files", "manifest.json");
        }
    }

    @Test
    void theManifestKeepsTheResultAndEveryFileExactly() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry written = spooledEntry(storage);

        SpoolManifest read = spool().find("m", "1").orElseThrow().manifest();

        assertThat(read).isEqualTo(written.manifest());
        assertThat(read.host()).isEqualTo("node7");
        assertThat(read.created()).isEqualTo(NOW);
        assertThat(read.result().columns())
                .containsEntry("run_status_global_iterations", 7)
                .containsEntry("run_status_eps_final", 3.25e-6)
                .containsEntry("run_status_git_hash", null);
        assertThat(read.waiting()).hasSize(4);
        SpooledFile struct = read.files().get(4);
        assertThat(struct.destination()).isEqualTo("m/pdrgrid/pdrstruct1.hdf5");
        assertThat(struct.sha256()).isEqualTo(Checksums.sha256(output("x", "struct")));
        assertThat(spool().folder("m", "1").resolve(struct.local())).hasContent("struct");
    }

    @Test
    void uploadStoresWhatWaitsAndCompletesTheModelsResult() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry entry = spooledEntry(storage);

        JobResult result = entry.upload(storage, noRetry);

        Path grid = dir.resolve("storage/m/pdrgrid");
        assertThat(grid.resolve("pdrstruct1.hdf5")).hasContent("struct");
        assertThat(grid.resolve("pdr_config1.json")).hasContent("{\"a\":1}");
        try (var in = new GZIPInputStream(Files.newInputStream(grid.resolve("pdrchem1.hdf5.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("chem");
        }
        assertThat(result.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(result.started()).isEqualTo(LocalDateTime.of(2026, 3, 1, 1, 0));
        assertThat(result.finished()).isEqualTo(LocalDateTime.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(result.executionSeconds()).isEqualTo(37815.5);
        assertThat(result.postprocError()).isEqualTo("ONION CO: exited with code 5");
        assertThat(result.columns())
                .containsEntry(
                        "output_textout_file", grid.resolve("TEXTOUT1.gz").toString())
                .containsEntry(
                        "output_hdf5_file", grid.resolve("pdrstruct1.hdf5").toString())
                .containsEntry("output_directory", dir.resolve("storage/m").toString())
                .containsEntry("run_status_converged", "strict");
        assertThat(result.hdf())
                .extracting(FileRecord::fileName)
                .containsExactly("pdr1.hdf", "pdrstruct1.hdf5", "pdrchem1.hdf5.gz");
        assertThat(result.hdf()[1].sha256()).isEqualTo(Checksums.sha256(grid.resolve("pdrstruct1.hdf5")));
        assertThat(result.json().fullPath())
                .isEqualTo(grid.resolve("pdr_config1.json").toString());
        assertThat(entry.folder()).exists();

        entry.delete();
        assertThat(entry.folder()).doesNotExist();
        assertThat(spool().list(List.of()).isEmpty()).isTrue();
    }

    @Test
    void theUploadedResultNamesItsEntryAndTheStoredStructureFileIsRecognisedByteForByte() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry entry = spooledEntry(storage);
        assertThat(entry.structureStored(storage, noRetry))
                .as("nothing stored yet")
                .isFalse();

        JobResult result = entry.upload(storage, noRetry);

        assertThat(result.spoolEntry())
                .isEqualTo("node7/" + NOW)
                .isEqualTo(entry.manifest().id());
        assertThat(entry.structureStored(storage, noRetry)).isTrue();
        Files.writeString(dir.resolve("storage/m/pdrgrid/pdrstruct1.hdf5"), "another model's structure");
        assertThat(entry.structureStored(storage, noRetry)).isFalse();
        try (var files = Files.list(entry.folder())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("files", "manifest.json");
        }
    }

    @Test
    void aGzippedStructureFileIsComparedByItsContents() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolWriter writer = spool().begin(12, "m", "1");
        writer.stage(output("pdrstruct_s.hdf5", "struct"), "m/pdrgrid/pdrstruct1.hdf5", true);
        writer.stage(output("pdr_config.json", "{\"a\":1}"), "m/pdrgrid/pdr_config1.json", false);
        writer.stage(output("pdrout.hdf", "hdf4"), "m/pdrgrid/pdr1.hdf", false);
        writer.stage(output("pdrchem_c.hdf5", "chem"), "m/pdrgrid/pdrchem1.hdf5", false);
        writer.uploaded("m/pdrgrid/TEXTOUT1", false, storage.store(output("TEXTOUT", "log\n"), "m/pdrgrid/TEXTOUT1"));
        SpoolEntry entry = writer.complete(1, "refused", finishedResult());

        entry.upload(storage, noRetry);

        assertThat(dir.resolve("storage/m/pdrgrid/pdrstruct1.hdf5.gz")).exists();
        assertThat(entry.structureStored(storage, noRetry)).isTrue();
        storage.storeGzipped(output("other", "strucT"), "m/pdrgrid/pdrstruct1.hdf5");
        assertThat(entry.structureStored(storage, noRetry)).isFalse();
    }

    @Test
    void aDamagedSpooledCopyUploadsNothing() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry entry = spooledEntry(storage);
        Path struct = entry.folder().resolve("files/m/pdrgrid/pdrstruct1.hdf5");
        Files.writeString(struct, "strucT");

        assertThatThrownBy(() -> entry.upload(storage, noRetry)).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("damaged", struct.toString(), "nothing was uploaded");
        });
        assertThat(dir.resolve("storage/m/pdrgrid/pdr_config1.json")).doesNotExist();
        assertThat(dir.resolve("storage/m/pdrgrid/pdrstruct1.hdf5")).doesNotExist();
    }

    @Test
    void aFailedUploadLeavesTheEntryAndNamesTheModelsOutcome() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry entry = spooledEntry(storage);
        // A file where the model's folder should be: every store into it fails.
        Files.delete(dir.resolve("storage/m/pdrgrid/TEXTOUT1.gz"));
        Files.delete(dir.resolve("storage/m/pdrgrid"));
        Files.writeString(dir.resolve("storage/m/pdrgrid"), "not a folder");

        assertThatThrownBy(() -> entry.upload(storage, noRetry)).isInstanceOf(StorageException.class);
        assertThat(spool().find("m", "1")).isPresent();
        JobResult failed =
                entry.storageFailure("storage: broken; the outputs still wait in the spool on " + entry.where());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED_STORAGE);
        assertThat(failed.errorMessage()).contains("node7:" + entry.folder(), "(model outcome: finished)");
        assertThat(failed.hdf()).isNull();
    }

    @Test
    void aNewEntryReplacesTheJobsOldOneButNeverAnotherJobs() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        spooledEntry(storage);

        assertThatThrownBy(() -> spool().begin(99, "m", "1"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("job 12")
                .hasMessageContaining("left as it is");
        assertThat(spool().find("m", "1")).isPresent();

        SpoolWriter again = spool().begin(12, "m", "1");
        assertThat(spool().find("m", "1")).isEmpty();
        again.stage(output("TEXTOUT", "second\n"), "m/pdrgrid/TEXTOUT1", false);
        again.complete(2, "lost again", finishedResult());
        SpoolManifest replaced = spool().find("m", "1").orElseThrow().manifest();
        assertThat(replaced.attempt()).isEqualTo(2);
        assertThat(replaced.files()).hasSize(1);
    }

    @Test
    void aBrokenManifestIsReportedAsDamaged() throws IOException {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        SpoolEntry entry = spooledEntry(storage);
        Files.writeString(entry.folder().resolve(SpoolManifest.FILE), "{\"format\": 1, \"host\": ");

        Spool.Listing listing = spool().list(List.of());
        assertThat(listing.complete()).isEmpty();
        assertThat(listing.damaged()).containsOnlyKeys(entry.folder());
        assertThat(listing.damaged().get(entry.folder())).contains("damaged", "manifest.json");
        assertThat(spool().list(List.of("other")).isEmpty()).isTrue();
    }

    @Test
    void theDefaultSpoolOutlivesScratchAndRebootInTheUsersDataFolder() {
        assertThat(Spool.defaultRoot(Map.of("XDG_DATA_HOME", "/data/u"))).isEqualTo(Path.of("/data/u/pdr-run/spool"));
        assertThat(Spool.defaultRoot(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/pdr-run/spool"));
    }
}
