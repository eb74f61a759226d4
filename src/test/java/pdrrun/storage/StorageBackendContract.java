package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pdrrun.storage.TestFiles.randomBytes;
import static pdrrun.storage.TestFiles.sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link StorageBackend} must do; each back end subclasses this contract. */
abstract class StorageBackendContract {
    @TempDir
    protected Path scratch;

    protected StorageBackend storage;

    /** A fresh, empty storage; may keep its files below {@link #scratch}. */
    protected abstract StorageBackend openStorage() throws Exception;

    /** Leaves what an upload to {@code destination} that crashed half-way would leave behind. */
    protected abstract void leaveCrashedUpload(String destination, byte[] partialContent) throws Exception;

    @BeforeEach
    void openTheStorage() throws Exception {
        storage = openStorage();
    }

    @AfterEach
    void closeTheStorage() {
        storage.close();
    }

    @Test
    void storedFileCanBeFoundListedRetrievedAndDeleted() throws IOException {
        byte[] content = randomBytes((1 << 20) + 7, 1);
        storage.store(source("pdrout.hdf", content), "grid_a/pdrgrid/pdr100_30_-10_10_00.hdf");

        assertThat(storage.exists("grid_a/pdrgrid/pdr100_30_-10_10_00.hdf")).isTrue();
        assertThat(storage.list("grid_a/pdrgrid")).containsExactly("pdr100_30_-10_10_00.hdf");
        Path back = scratch.resolve("back/nested/pdr.hdf");
        storage.retrieve("grid_a/pdrgrid/pdr100_30_-10_10_00.hdf", back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);

        storage.delete("grid_a/pdrgrid/pdr100_30_-10_10_00.hdf");
        assertThat(storage.exists("grid_a/pdrgrid/pdr100_30_-10_10_00.hdf")).isFalse();
        assertThat(storage.list("grid_a/pdrgrid")).isEmpty();
    }

    @Test
    void storedFileReportsSizeAndChecksumOfTheSource() throws IOException {
        byte[] content = randomBytes(300_001, 2);
        Instant before = Instant.now().minus(Duration.ofSeconds(5));
        StoredFile stored = storage.store(source("TEXTOUT", content), "m/pdrgrid/TEXTOUT1");

        assertThat(stored.path()).isEqualTo("m/pdrgrid/TEXTOUT1");
        assertThat(stored.location()).isEqualTo(storage.location("m/pdrgrid/TEXTOUT1"));
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        assertThat(stored.modified()).isBetween(before, Instant.now().plus(Duration.ofSeconds(5)));
    }

    @Test
    void storeTakingStoresTheSameBytesAsStore() throws IOException {
        byte[] content = randomBytes(200_003, 21);
        StoredFile stored = storage.storeTaking(source("pdrstruct_s.hdf5", content), "m/pdrgrid/pdrstruct1.hdf5");

        assertThat(stored.path()).isEqualTo("m/pdrgrid/pdrstruct1.hdf5");
        assertThat(stored.location()).isEqualTo(storage.location("m/pdrgrid/pdrstruct1.hdf5"));
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        Path back = scratch.resolve("taken.back");
        storage.retrieve("m/pdrgrid/pdrstruct1.hdf5", back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
        assertThat(storage.list("m/pdrgrid")).containsExactly("pdrstruct1.hdf5");
    }

    @Test
    void emptyFileIsStoredAndRetrieved() throws IOException {
        StoredFile stored = storage.store(source("empty", new byte[0]), "m/empty");
        assertThat(stored.size()).isZero();
        assertThat(stored.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        storage.retrieve("m/empty", scratch.resolve("empty.back"));
        assertThat(Files.size(scratch.resolve("empty.back"))).isZero();
    }

    @Test
    void storingAgainReplacesTheFileAndRetrieveReplacesTheLocalCopy() throws IOException {
        Path local = scratch.resolve("local.out");
        storage.store(source("v1", randomBytes(50_000, 3)), "m/chemchk1.out");
        storage.retrieve("m/chemchk1.out", local);
        byte[] second = randomBytes(20_000, 4);
        StoredFile stored = storage.store(source("v2", second), "m/chemchk1.out");

        assertThat(stored.size()).isEqualTo(second.length);
        storage.retrieve("m/chemchk1.out", local);
        assertThat(Files.readAllBytes(local)).isEqualTo(second);
        assertThat(storage.list("m")).containsExactly("chemchk1.out");
    }

    @Test
    void gzippedFileGetsTheGzSuffixAndDecompressesToTheOriginal() throws IOException {
        byte[] content = "current iteration step: 7\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        StoredFile stored = storage.storeGzipped(source("TEXTOUT", content), "m/pdrgrid/TEXTOUT3");

        assertThat(stored.path()).isEqualTo("m/pdrgrid/TEXTOUT3.gz");
        assertThat(storage.exists("m/pdrgrid/TEXTOUT3")).isFalse();
        assertThat(storage.list("m/pdrgrid")).containsExactly("TEXTOUT3.gz");
        Path gz = scratch.resolve("TEXTOUT3.gz");
        storage.retrieve("m/pdrgrid/TEXTOUT3.gz", gz);
        byte[] compressed = Files.readAllBytes(gz);
        assertThat(stored.size()).isEqualTo(compressed.length).isLessThan(content.length / 10);
        assertThat(stored.sha256()).isEqualTo(sha256(compressed));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "/abs/x", "../x", "a/../b", "a/./b", ".", "a//b", "a/", "a\\b", "x.part", "a/x.part-0badc0de"
            })
    void malformedPathsAreRejectedByEveryOperation(String path) throws IOException {
        Path local = source("any", new byte[] {1});
        assertInvalid(path, () -> storage.store(local, path));
        assertInvalid(path, () -> storage.storeGzipped(local, path));
        assertInvalid(path, () -> storage.retrieve(path, scratch.resolve("r")));
        assertInvalid(path, () -> storage.exists(path));
        assertInvalid(path, () -> storage.delete(path));
        assertInvalid(path, () -> storage.location(path));
        if (!path.isEmpty()) {
            assertInvalid(path, () -> storage.list(path));
        }
        assertThat(storage.list("")).isEmpty();
    }

    @Test
    void deletingIsIdempotent() throws IOException {
        storage.delete("never/stored");
        storage.store(source("x", new byte[] {1, 2}), "m/x");
        storage.delete("m/x");
        storage.delete("m/x");
        assertThat(storage.exists("m/x")).isFalse();
    }

    @Test
    void retrievingWhatIsNotStoredIsNotFoundAndNotRetryable() {
        Path local = scratch.resolve("never.hdf5");
        assertThatThrownBy(() -> storage.retrieve("m/pdrgrid/pdrstruct9.hdf5", local))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("m/pdrgrid/pdrstruct9.hdf5");
                });
        assertThat(local).doesNotExist();
    }

    @Test
    void listingShowsOnlyFilesDirectlyInTheFolderSortedAndNothingForMissingFolders() throws IOException {
        Path local = source("x", new byte[] {1});
        storage.store(local, "g/oniongrid/ONION2.jerg_CO.smli");
        storage.store(local, "g/oniongrid/ONION1.jerg_CO.smli");
        storage.store(local, "g/oniongrid/deeper/ONION3.jerg_CO.smli");

        assertThat(storage.list("g/oniongrid")).containsExactly("ONION1.jerg_CO.smli", "ONION2.jerg_CO.smli");
        assertThat(storage.list("g/no_such_folder")).isEmpty();
        assertThat(storage.exists("g/oniongrid/deeper")).isFalse();
    }

    @Test
    void partFilesOfCrashedUploadsAreNeverVisible() throws Exception {
        leaveCrashedUpload("g/pdrgrid/pdrstruct5.hdf5", randomBytes(1000, 5));
        assertThat(storage.exists("g/pdrgrid/pdrstruct5.hdf5")).isFalse();
        assertThat(storage.list("g/pdrgrid")).isEmpty();

        byte[] complete = randomBytes(4000, 6);
        storage.store(source("s", complete), "g/pdrgrid/pdrstruct5.hdf5");
        assertThat(storage.list("g/pdrgrid")).containsExactly("pdrstruct5.hdf5");
        storage.retrieve("g/pdrgrid/pdrstruct5.hdf5", scratch.resolve("s.back"));
        assertThat(Files.readAllBytes(scratch.resolve("s.back"))).isEqualTo(complete);
    }

    private void assertInvalid(String path, Runnable operation) {
        assertThatThrownBy(operation::run).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_PATH);
            assertThat(e.getMessage()).contains("'" + path + "'");
            assertThat(e.path()).isEqualTo(path);
        });
    }

    protected Path source(String name, byte[] content) throws IOException {
        return TestFiles.write(scratch.resolve("sources").resolve(name), content);
    }

    @Test
    void concurrentStoresOfOneDestinationLeaveOneCompleteInput() throws Exception {
        List<Path> inputs = new ArrayList<>();
        Set<String> checksums = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            byte[] content = randomBytes(200_000 + 4099 * i, 100 + i);
            inputs.add(source("same" + i, content));
            checksums.add(sha256(content));
        }
        for (int round = 0; round < 5; round++) {
            List<StoredFile> results =
                    TestFiles.inParallel(inputs.size(), i -> storage.store(inputs.get(i), "g/pdrgrid/pdrstruct7.hdf5"));

            assertThat(results).extracting(StoredFile::sha256).doesNotHaveDuplicates();
            Path back = scratch.resolve("round" + round);
            storage.retrieve("g/pdrgrid/pdrstruct7.hdf5", back);
            assertThat(checksums).contains(sha256(Files.readAllBytes(back)));
            assertThat(storage.list("g/pdrgrid")).containsExactly("pdrstruct7.hdf5");
        }
    }

    @Test
    void parallelStoresOfDifferentFilesAllArriveComplete() throws Exception {
        int workers = 16;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            contents.add(randomBytes(100_000 + 31 * i, 200 + i));
        }
        List<StoredFile> results = TestFiles.inParallel(
                workers,
                i -> storage.store(source("job" + i, contents.get(i)), String.format("g/oniongrid/TEXTOUT%02d_CO", i)));

        List<String> expectedNames = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String name = String.format("TEXTOUT%02d_CO", i);
            expectedNames.add(name);
            assertThat(results.get(i).sha256()).isEqualTo(sha256(contents.get(i)));
            Path back = scratch.resolve("back-" + name);
            storage.retrieve("g/oniongrid/" + name, back);
            assertThat(Files.readAllBytes(back)).isEqualTo(contents.get(i));
        }
        assertThat(storage.list("g/oniongrid")).containsExactlyElementsOf(expectedNames);
    }
}
