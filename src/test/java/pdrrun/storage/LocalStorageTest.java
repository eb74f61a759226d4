package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static pdrrun.storage.TestFiles.randomBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalStorageTest extends StorageBackendContract {
    private Path base;

    @Override
    protected StorageBackend openStorage() {
        base = scratch.resolve("storage");
        return new LocalStorage(base);
    }

    @Override
    protected void leaveCrashedUpload(String destination, byte[] partialContent) throws IOException {
        TestFiles.write(base.resolve(destination + ".part-0123456789abcdef"), partialContent);
        TestFiles.write(base.resolve(destination + ".part"), partialContent);
    }

    @Test
    void locationIsTheAbsolutePathOfTheStoredFile() throws IOException {
        StoredFile stored = storage.store(source("ctrl", new byte[] {4, 2}), "g/pdrgrid/CTRL_IND1");
        Path expected = base.toAbsolutePath().resolve("g/pdrgrid/CTRL_IND1");
        assertThat(stored.location()).isEqualTo(expected.toString());
        assertThat(Files.readAllBytes(Path.of(stored.location()))).containsExactly(4, 2);
        assertThat(storage.describe()).isEqualTo("local folder " + base.toAbsolutePath());
    }

    @Test
    void storeTakingRenamesAFileOfItsOwnInsteadOfCopyingIt() throws IOException {
        Path local = source("TEXTOUT", randomBytes(70_000, 22));
        Object inode = Files.getAttribute(local, "unix:ino");

        StoredFile stored = storage.storeTaking(local, "g/pdrgrid/TEXTOUT1");

        assertThat(local).doesNotExist();
        assertThat(Files.getAttribute(Path.of(stored.location()), "unix:ino")).isEqualTo(inode);
        try (Stream<Path> files = Files.list(base.resolve("g/pdrgrid"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("TEXTOUT1");
        }
    }

    @Test
    void aTakenFileOfAnySizeGetsTheChecksumAndSizeOfItsWholeContent() throws IOException {
        // Around the read buffer's bounds: it is sized to small files (512 bytes at least) and
        // 64 KiB at most.
        for (int size : new int[] {0, 1, 511, 512, 513, 65_535, 65_536, 65_537, 300_001}) {
            byte[] content = randomBytes(size, size + 7);
            Path local = source("out" + size, content);

            StoredFile stored = storage.storeTaking(local, "g/pdrgrid/out" + size);

            assertThat(stored.size()).as("size of %d bytes", size).isEqualTo(size);
            assertThat(stored.sha256()).as("sha256 of %d bytes", size).isEqualTo(TestFiles.sha256(content));
            assertThat(Files.readAllBytes(Path.of(stored.location()))).isEqualTo(content);
        }
    }

    @Test
    void filesAnnouncedForTakingAreSyncedTogetherAndTakenUnchanged() throws IOException {
        byte[] a = randomBytes(30_000, 31);
        byte[] b = randomBytes(1, 32);
        Path first = source("jerg_CO.smli", a);
        Path second = source("TEXTOUT", b);
        Path link = scratch.resolve("linked");
        Files.createSymbolicLink(link, first);

        // Missing files and links are passed over: taking them later reports or copies as before.
        storage.willTake(List.of(first, scratch.resolve("no-such-file"), link, second));

        assertThat(storage.storeTaking(first, "g/oniongrid/a").sha256()).isEqualTo(TestFiles.sha256(a));
        assertThat(storage.storeTaking(second, "g/oniongrid/b").sha256()).isEqualTo(TestFiles.sha256(b));
        assertThat(Files.readAllBytes(base.resolve("g/oniongrid/a"))).isEqualTo(a);
        assertThat(first).doesNotExist();
    }

    @Test
    void foldersRenamedIntoAreSyncedOncePerFlushNotPerFile() throws IOException {
        LocalStorage local = (LocalStorage) storage;
        storage.store(source("a", new byte[] {1}), "g/pdrgrid/a1");
        storage.storeTaking(source("b", new byte[] {2}), "g/pdrgrid/b1");
        storage.storeGzipped(source("c", new byte[] {3}), "g/oniongrid/c1");

        assertThat(local.unsyncedFolders())
                .containsExactlyInAnyOrder(base.resolve("g/pdrgrid"), base.resolve("g/oniongrid"));
        storage.flush();
        assertThat(local.unsyncedFolders()).isEmpty();
        storage.flush();
        assertThat(base.resolve("g/pdrgrid/a1")).isRegularFile();
    }

    @Test
    void storeTakingCopiesASymlinkOrAHardLinkedFileAndLeavesItAlone() throws IOException {
        byte[] content = randomBytes(5_000, 23);
        Path target = source("shared.dat", content);
        Path link = Files.createSymbolicLink(scratch.resolve("link.dat"), target);
        Path hard = Files.createLink(scratch.resolve("hard.dat"), target);

        StoredFile viaSymlink = storage.storeTaking(link, "g/a");
        StoredFile viaHardLink = storage.storeTaking(hard, "g/b");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(hard).exists();
        assertThat(target).exists();
        for (StoredFile stored : List.of(viaSymlink, viaHardLink)) {
            Path file = Path.of(stored.location());
            assertThat(Files.isSymbolicLink(file)).isFalse();
            assertThat(Files.getAttribute(file, "unix:nlink")).isEqualTo(1);
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
        }
    }

    @Test
    void storeTakingCopiesAcrossFileSystems() throws IOException {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(shm)
                        && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(scratch, "unix:dev")),
                "needs /dev/shm on another file system than the test folder");
        Path local = Files.createTempFile(shm, "pdr-take", ".out");
        try {
            Files.write(local, randomBytes(10_000, 24));
            StoredFile stored = storage.storeTaking(local, "g/c");
            assertThat(local).exists();
            assertThat(Files.readAllBytes(Path.of(stored.location()))).isEqualTo(Files.readAllBytes(local));
        } finally {
            Files.deleteIfExists(local);
        }
    }

    @Test
    void baseFolderIsCreatedByTheFirstStoreNotByOpening() throws IOException {
        assertThat(storage.exists("g/x")).isFalse();
        assertThat(storage.list("g")).isEmpty();
        assertThat(base).doesNotExist();
        storage.store(source("x", new byte[] {1}), "g/x");
        assertThat(base.resolve("g/x")).isRegularFile();
    }

    @Test
    void storeThatFailsMidwayLeavesThePreviousVersionAndNoPartFile() throws IOException {
        byte[] previous = randomBytes(10_000, 7);
        storage.store(source("ok", previous), "g/pdrgrid/pdr1.hdf");
        storage.store(source("ok", previous), "g/pdrgrid/chemchk1.out");
        // Opening a folder as a stream succeeds on Linux; the first read fails, after the part file exists.
        Path unreadable = Files.createDirectories(scratch.resolve("sources/not-a-file"));

        assertThatThrownBy(() -> storage.store(unreadable, "g/pdrgrid/pdr1.hdf"))
                .isInstanceOfSatisfying(
                        StorageException.class,
                        e -> assertThat(e.getMessage()).contains("g/pdrgrid/pdr1.hdf", unreadable.toString()));
        assertThatThrownBy(() -> storage.store(unreadable, "g/pdrgrid/pdr2.hdf"))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.storeGzipped(unreadable, "g/pdrgrid/chemchk1.out"))
                .isInstanceOf(StorageException.class);

        assertThat(Files.readAllBytes(base.resolve("g/pdrgrid/pdr1.hdf"))).isEqualTo(previous);
        assertThat(storage.exists("g/pdrgrid/pdr2.hdf")).isFalse();
        try (Stream<Path> files = Files.list(base.resolve("g/pdrgrid"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("pdr1.hdf", "chemchk1.out");
        }
    }

    @Test
    void missingSourceIsNotFoundAndNamesBothPaths() {
        Path missing = scratch.resolve("pdroutput/pdrout.hdf");
        assertThatThrownBy(() -> storage.store(missing, "g/pdrgrid/pdr3.hdf"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains(missing.toString(), "g/pdrgrid/pdr3.hdf");
                });
    }

    @Test
    void deniedPermissionIsReportedAsPermissionAndNotRetried() throws IOException {
        Path readOnly = Files.createDirectories(base.resolve("g/readonly"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "running as root: chmod does not stop writes");
            Path local = source("t", new byte[] {1});
            StorageException e = failWithRetry(() -> storage.store(local, "g/readonly/TEXTOUT1"));
            assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
            assertThat(e.getMessage()).contains("g/readonly/TEXTOUT1");
            assertThat(storage.list("g/readonly")).isEmpty();
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void folderThatIsARegularFileFailsAtOnceEvenForRoot() throws IOException {
        Path local = source("t", new byte[] {1});
        storage.store(local, "g/blocker");
        StorageException e = failWithRetry(() -> storage.store(local, "g/blocker/TEXTOUT1"));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.OTHER);
        assertThat(e.getMessage()).contains("g/blocker/TEXTOUT1");
        assertThat(storage.list("g")).containsExactly("blocker");
    }

    /** Runs through StorageRetry and checks that it made exactly one attempt and never waited. */
    private static StorageException failWithRetry(Runnable store) {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        StorageRetry retry = new StorageRetry(3, Duration.ofMillis(10), waits::add);
        try {
            retry.run("store", () -> {
                attempts.incrementAndGet();
                store.run();
            });
        } catch (StorageException e) {
            assertThat(attempts).hasValue(1);
            assertThat(waits).isEmpty();
            assertThat(e.retryable()).isFalse();
            return e;
        }
        throw new AssertionError("the store should have failed");
    }
}
