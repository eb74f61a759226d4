package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process side of rclone calls, with a stand-in script that records what it was given. */
class RcloneCommandTest {
    @TempDir
    Path dir;

    private Path fakeRclone(String body) throws IOException {
        Path script = dir.resolve("rclone");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void thePasswordReachesRcloneOnlyThroughStdinAndTheEnvironment() throws IOException {
        Path log = dir.resolve("log");
        Path script = fakeRclone("echo \"ARGS $*\" >> " + log + "\n"
                + "if [ \"$1\" = obscure ]; then read pw; echo \"STDIN $pw\" >> " + log
                + "; echo OBSCURED; exit 0; fi\n"
                + "echo \"ENV $RCLONE_CONFIG_MY_REMOTE_PASS\" >> " + log + "\necho '[]'");
        StorageSettings settings = new StorageSettings(
                "rclone",
                "base",
                null,
                22,
                null,
                "pa55-Secret",
                null,
                HostKeyChecking.ACCEPT_NEW,
                StorageSettings.defaultKnownHosts(),
                "my-remote:bucket",
                null,
                null,
                Duration.ofSeconds(10));

        try (RcloneStorage storage = new RcloneStorage(settings, script.toString(), Map.of())) {
            assertThat(storage.list("g")).isEmpty();
            assertThat(storage.describe()).doesNotContain("pa55-Secret");
        }
        String calls = Files.readString(log);
        assertThat(calls).contains("STDIN pa55-Secret", "ENV OBSCURED", "ARGS lsjson --files-only");
        assertThat(calls.lines().filter(l -> l.startsWith("ARGS"))).noneMatch(l -> l.contains("pa55-Secret"));
        assertThat(settings.toString()).doesNotContain("pa55-Secret");
    }

    @Test
    void aCallThatHangsIsKilledAtTheTimeoutAndIsTransient() throws IOException {
        Path script = fakeRclone("sleep 60");
        StorageSettings settings = new StorageSettings(
                "rclone",
                "",
                null,
                22,
                null,
                null,
                null,
                HostKeyChecking.ACCEPT_NEW,
                StorageSettings.defaultKnownHosts(),
                "s3:bucket",
                null,
                null,
                Duration.ofSeconds(1));
        long start = System.nanoTime();
        try (RcloneStorage storage = new RcloneStorage(settings, script.toString(), Map.of())) {
            assertThatThrownBy(() -> storage.exists("g/pdrgrid/pdr1.hdf"))
                    .isInstanceOfSatisfying(StorageException.class, e -> {
                        assertThat(e.kind()).isEqualTo(StorageException.Kind.TRANSIENT);
                        assertThat(e.getMessage()).contains("g/pdrgrid/pdr1.hdf", "killed");
                    });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aMissingBinaryIsAClearError() {
        StorageSettings settings = new StorageSettings(
                "rclone",
                "",
                null,
                22,
                null,
                null,
                null,
                HostKeyChecking.ACCEPT_NEW,
                StorageSettings.defaultKnownHosts(),
                "s3:bucket",
                null,
                null,
                Duration.ofSeconds(1));
        try (RcloneStorage storage =
                new RcloneStorage(settings, dir.resolve("no-rclone").toString(), Map.of())) {
            assertThatThrownBy(() -> storage.exists("g/x")).hasMessageContaining("is rclone installed?");
        }
    }
}
