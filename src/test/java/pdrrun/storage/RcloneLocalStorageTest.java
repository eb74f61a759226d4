package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract against an rclone {@code local} remote defined by environment variables only. */
class RcloneLocalStorageTest extends StorageBackendContract {
    static final Map<String, String> REMOTE = Map.of("RCLONE_CONFIG_TESTLOCAL_TYPE", "local");
    private Path base;

    @Override
    protected StorageBackend openStorage() {
        base = scratch.resolve("storage").toAbsolutePath();
        return open("");
    }

    private RcloneStorage open(String prefix) {
        StorageSettings settings = new StorageSettings(
                "rclone",
                base.toString(),
                null,
                22,
                null,
                null,
                null,
                HostKeyChecking.ACCEPT_NEW,
                StorageSettings.defaultKnownHosts(),
                "testlocal:",
                prefix,
                null,
                Duration.ofSeconds(30));
        return new RcloneStorage(settings, "rclone", REMOTE);
    }

    @Override
    protected void leaveCrashedUpload(String destination, byte[] partialContent) throws IOException {
        TestFiles.write(base.resolve(destination + ".part-0123456789abcdef"), partialContent);
        TestFiles.write(base.resolve(destination + ".part"), partialContent);
    }

    @Test
    void storedFileLandsUnderTheBaseFolderAndLocationIsTheRemotePath() throws IOException {
        StoredFile stored = storage.store(source("ctrl", new byte[] {4, 2}), "g/pdrgrid/CTRL_IND1");
        assertThat(Files.readAllBytes(base.resolve("g/pdrgrid/CTRL_IND1"))).containsExactly(4, 2);
        assertThat(stored.location()).isEqualTo("testlocal:" + base + "/g/pdrgrid/CTRL_IND1");
        try (var files = Files.list(base.resolve("g/pdrgrid"))) {
            assertThat(files).hasSize(1); // no part file left behind
        }
    }

    @Test
    void remotePathPrefixIsStrippedOnlyAsWholeLeadingComponents() throws IOException {
        Path local = source("x", new byte[] {7});
        try (RcloneStorage prefixed = open("/home/pdr/storage/")) {
            prefixed.store(local, "home/pdr/storage/g/pdrgrid/TEXTOUT1");
            prefixed.store(local, "home/pdr/storage2/g/TEXTOUT2");
            prefixed.store(local, "g/TEXTOUT3");

            assertThat(base.resolve("g/pdrgrid/TEXTOUT1")).isRegularFile();
            assertThat(base.resolve("home/pdr/storage2/g/TEXTOUT2")).isRegularFile();
            assertThat(base.resolve("g/TEXTOUT3")).isRegularFile();
            assertThat(prefixed.exists("home/pdr/storage/g/pdrgrid/TEXTOUT1")).isTrue();
            assertThat(prefixed.location("home/pdr/storage/g/x")).isEqualTo("testlocal:" + base + "/g/x");
        }
        assertThatThrownBy(() -> open("storage/../etc"))
                .isInstanceOfSatisfying(
                        StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.INVALID_PATH));
    }

    @Test
    void aFileWhereAFolderIsNeededFailsAtOnceAndNothingIsStored() throws IOException {
        Path local = source("t", new byte[] {1});
        storage.store(local, "g/blocker");
        assertThatThrownBy(() -> storage.store(local, "g/blocker/TEXTOUT1"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("g/blocker/TEXTOUT1");
                });
        assertThat(storage.list("g")).containsExactly("blocker");
    }
}
