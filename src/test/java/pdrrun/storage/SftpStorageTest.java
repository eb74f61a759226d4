package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pdrrun.storage.TestFiles.randomBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SftpStorageTest extends StorageBackendContract {
    private SftpTestServer server;

    @Override
    protected StorageBackend openStorage() throws IOException {
        server = SftpTestServer.start(scratch.resolve("sftp-root"), scratch.resolve("sftp-state"));
        return new SftpStorage(settings(SftpTestServer.PASSWORD));
    }

    private StorageSettings settings(String password) {
        return new StorageSettings(
                "sftp",
                "/store",
                "127.0.0.1",
                server.port(),
                SftpTestServer.USER,
                password,
                null,
                HostKeyChecking.ACCEPT_NEW,
                scratch.resolve("ssh/known_hosts"),
                null,
                null,
                null,
                Duration.ofSeconds(20));
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
    void serverStoppedMidUploadLeavesNothingUnderTheFinalNameAndTheNextStoreReconnects() throws Exception {
        byte[] big = randomBytes(96 << 20, 11);
        Path local = source("pdrstruct_s.hdf5", big);
        Path folder = server.root().resolve("store/g/pdrgrid");
        storage.store(source("small", new byte[] {1}), "g/pdrgrid/other"); // connected, folder exists
        CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
            try {
                while (partBytes(folder) < (8 << 20)) {
                    Thread.sleep(5);
                }
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> storage.store(local, "g/pdrgrid/pdrstruct3.hdf5"))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.TRANSIENT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("g/pdrgrid/pdrstruct3.hdf5");
                });
        stopper.get(30, TimeUnit.SECONDS);
        assertThat(folder.resolve("pdrstruct3.hdf5")).doesNotExist();

        server = SftpTestServer.start(server.root(), scratch.resolve("sftp-state"), null, server.port());
        StoredFile stored = storage.store(local, "g/pdrgrid/pdrstruct3.hdf5");
        assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(big));
        assertThat(Files.size(folder.resolve("pdrstruct3.hdf5"))).isEqualTo(big.length);
        assertThat(storage.list("g/pdrgrid")).containsExactly("other", "pdrstruct3.hdf5");
    }

    private static long partBytes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().contains(".part-"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    @Test
    void wrongPasswordIsPermissionNotRetriedAndNeverShown() throws IOException {
        Path local = source("t", new byte[] {1});
        try (SftpStorage wrong = new SftpStorage(settings("not-the-password"))) {
            AtomicInteger attempts = new AtomicInteger();
            List<Duration> waits = new ArrayList<>();
            StorageRetry retry = new StorageRetry(3, Duration.ofMillis(10), waits::add);
            assertThatThrownBy(() -> retry.run("store", () -> {
                        attempts.incrementAndGet();
                        wrong.store(local, "g/TEXTOUT1");
                    }))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                        assertThat(e.getMessage()).contains("authentication", "not retried", "g/TEXTOUT1");
                        assertThat(e.getMessage()).doesNotContain("not-the-password");
                    });
            assertThat(attempts).hasValue(1);
            assertThat(waits).isEmpty();
            assertThatThrownBy(() -> wrong.exists("g/TEXTOUT1"))
                    .isInstanceOfSatisfying(
                            StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION));
        }
        assertThat(settings("not-the-password").toString())
                .doesNotContain("not-the-password")
                .contains("********");
    }

    @Test
    void pathsTheServerDeniesArePermissionAndExistsThrowsInsteadOfSayingAbsent() throws IOException {
        Path local = source("t", new byte[] {1});
        for (String path : List.of("g/forbidden/TEXTOUT1", "forbidden")) {
            assertThatThrownBy(() -> storage.exists(path)).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                assertThat(e.getMessage()).contains(path, "not retried");
            });
            assertThatThrownBy(() -> storage.store(local, path))
                    .isInstanceOfSatisfying(
                            StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION));
        }
        assertThatThrownBy(() -> storage.list("g/forbidden"))
                .isInstanceOfSatisfying(
                        StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION));
    }

    @Test
    void hostKeyIsRecordedOnFirstUseAndAChangedKeyIsRefused() throws IOException {
        Path local = source("t", new byte[] {1});
        storage.store(local, "g/x");
        Path knownHosts = scratch.resolve("ssh/known_hosts");
        assertThat(Files.readString(knownHosts)).startsWith("[127.0.0.1]:" + server.port() + " ");
        storage.close();
        server.stop();

        server = SftpTestServer.start(server.root(), scratch.resolve("other-host-key"), null, server.port());
        try (SftpStorage again = new SftpStorage(settings(SftpTestServer.PASSWORD))) {
            assertThatThrownBy(() -> again.exists("g/x")).isInstanceOfSatisfying(StorageException.class, e -> {
                assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION);
                assertThat(e.getMessage()).contains("host key", "not retried");
            });
        }
        StorageSettings strictUnknown = settings(SftpTestServer.PASSWORD)
                .withKnownHosts(HostKeyChecking.STRICT, scratch.resolve("empty/known_hosts"));
        try (SftpStorage strict = new SftpStorage(strictUnknown)) {
            assertThatThrownBy(() -> strict.exists("g/x"))
                    .isInstanceOfSatisfying(
                            StorageException.class,
                            e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION));
        }
        assertThat(scratch.resolve("empty/known_hosts")).doesNotExist();
    }

    @Test
    void uploadsNegotiateAesGcmAndStoreWhatWasSent() throws IOException {
        byte[] content = randomBytes(3 << 20, 5); // several SSH packets, each with its own nonce
        StoredFile stored = storage.store(source("pdrout.hdf", content), "g/pdrgrid/pdr1.hdf");

        assertThat(server.negotiatedClientCiphers()).containsExactly("aes128-gcm@openssh.com");
        assertThat(Files.readAllBytes(server.root().resolve("store/g/pdrgrid/pdr1.hdf")))
                .isEqualTo(content);
        assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(content));
    }

    @Test
    void locationAndDescriptionNameServerAndPathButNoSecret() {
        assertThat(storage.location("g/pdrgrid/pdr1.hdf"))
                .isEqualTo("sftp://pdr@127.0.0.1:" + server.port() + "/store/g/pdrgrid/pdr1.hdf");
        assertThat(storage.describe()).contains("127.0.0.1", "/store").doesNotContain(SftpTestServer.PASSWORD);
    }
}
