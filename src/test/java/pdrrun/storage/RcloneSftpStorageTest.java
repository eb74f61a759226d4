package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract against an rclone {@code sftp} remote pointing at the in-process SFTP server. */
class RcloneSftpStorageTest extends StorageBackendContract {
    private SftpTestServer server;

    @Override
    protected StorageBackend openStorage() throws IOException {
        server = SftpTestServer.start(scratch.resolve("sftp-root"), scratch.resolve("sftp-state"));
        return open(SftpTestServer.PASSWORD);
    }

    /** The password goes in through the settings: RcloneStorage obscures it into the environment. */
    private RcloneStorage open(String password) {
        StorageSettings settings = new StorageSettings(
                "rclone",
                "/store",
                null,
                22,
                null,
                password,
                null,
                HostKeyChecking.ACCEPT_NEW,
                StorageSettings.defaultKnownHosts(),
                "testsftp:",
                null,
                null,
                Duration.ofSeconds(30));
        Map<String, String> remote = Map.of(
                "RCLONE_CONFIG_TESTSFTP_TYPE", "sftp",
                "RCLONE_CONFIG_TESTSFTP_HOST", "127.0.0.1",
                "RCLONE_CONFIG_TESTSFTP_PORT", String.valueOf(server.port()),
                "RCLONE_CONFIG_TESTSFTP_USER", SftpTestServer.USER,
                "RCLONE_CONFIG_TESTSFTP_SHELL_TYPE", "none");
        return new RcloneStorage(settings, "rclone", remote);
    }

    @Override
    protected void leaveCrashedUpload(String destination, byte[] partialContent) throws IOException {
        Path stored = server.root().resolve("store").resolve(destination);
        TestFiles.write(stored.resolveSibling(stored.getFileName() + ".part-0123456789abcdef"), partialContent);
        TestFiles.write(stored.resolveSibling(stored.getFileName() + ".part"), partialContent);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop();
    }

    @Test
    void deniedPathIsPermissionNotRetriedAndExistsThrowsInsteadOfSayingAbsent() throws IOException {
        Path local = source("t", new byte[] {1});
        assertThatThrownBy(() -> storage.exists("g/forbidden/pdrstruct1.hdf5"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                    assertThat(e.getMessage()).contains("g/forbidden/pdrstruct1.hdf5", "not retried");
                });
        assertThat(attemptsToStore(storage, local, "g/forbidden/pdrstruct1.hdf5"))
                .isEqualTo(1);
        assertThatThrownBy(() -> storage.list("g/forbidden"))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION));
    }

    @Test
    void wrongPasswordIsPermissionAndNotRetried() throws IOException {
        Path local = source("t", new byte[] {1});
        try (RcloneStorage wrong = open("not-the-password")) {
            assertThat(attemptsToStore(wrong, local, "g/TEXTOUT1")).isEqualTo(1);
            assertThatThrownBy(() -> wrong.exists("g/TEXTOUT1")).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                assertThat(e.getMessage()).doesNotContain("not-the-password");
            });
        }
    }

    @Test
    void unreachableServerIsTransient() throws IOException {
        server.stop();
        assertThatThrownBy(() -> storage.exists("g/TEXTOUT1"))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.TRANSIENT));
    }

    /** Stores through StorageRetry, expects PERMISSION, returns how many attempts were made. */
    private static int attemptsToStore(StorageBackend storage, Path local, String destination) {
        AtomicInteger attempts = new AtomicInteger();
        List<Duration> waits = new ArrayList<>();
        StorageRetry retry = new StorageRetry(3, Duration.ofMillis(10), waits::add);
        assertThatThrownBy(() -> retry.run("store", () -> {
                    attempts.incrementAndGet();
                    storage.store(local, destination);
                }))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                    assertThat(e.getMessage()).contains(destination, "not retried");
                });
        assertThat(waits).isEmpty();
        return attempts.get();
    }
}
