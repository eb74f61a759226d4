package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;

class StorageSettingsTest {
    @TempDir
    Path dir;

    private static Config storage(Object... keysAndValues) {
        Config config = Config.empty();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config = config.with("storage", (String) keysAndValues[i], keysAndValues[i + 1], "test");
        }
        return config;
    }

    @Test
    void sftpSectionIsReadWithDefaultsAndThePasswordIsMasked() {
        StorageSettings settings = StorageSettings.from(storage(
                "type",
                "SFTP",
                "host",
                "archive.example.org",
                "username",
                "pdr",
                "password",
                "pa55-Secret",
                "base_dir",
                "/data/pdr",
                "timeout_s",
                12.5));

        assertThat(settings.type()).isEqualTo("sftp");
        assertThat(settings.port()).isEqualTo(22);
        assertThat(settings.hostKeyChecking()).isEqualTo(HostKeyChecking.ACCEPT_NEW);
        assertThat(settings.knownHostsFile()).isEqualTo(StorageSettings.defaultKnownHosts());
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(12_500));
        assertThat(settings.baseDir()).isEqualTo("/data/pdr");
        assertThat(settings.localCopyDir()).isNull();
        assertThat(settings.toString())
                .contains("archive.example.org", "********")
                .doesNotContain("pa55-Secret");
        assertThat(Storages.open(settings)).isInstanceOf(SftpStorage.class);
    }

    @Test
    void missingOrInvalidValuesAreConfigErrorsNamingTheKey() {
        assertThatThrownBy(() -> StorageSettings.from(storage("type", "sftp", "username", "pdr", "password", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.host");
        assertThatThrownBy(() -> StorageSettings.from(storage("type", "rclone", "rclone_remote", "no-colon")))
                .hasMessageContaining("storage.rclone_remote");
        assertThatThrownBy(() -> StorageSettings.from(storage("host_key_checking", "no")))
                .hasMessageContaining("storage.host_key_checking");
        assertThatThrownBy(() -> StorageSettings.from(storage("use_local_copy", true)))
                .hasMessageContaining("storage.local_copy_dir");
        assertThatThrownBy(() -> StorageSettings.from(storage("type", "s3")))
                .hasMessageContaining("local, sftp, rclone");
        assertThat(HostKeyChecking.parse(" Strict ")).isEqualTo(HostKeyChecking.STRICT);
    }

    @Test
    void localCopyKeepsWhatWentToTheRemoteAtTheSameRelativePath() throws IOException {
        Path copies = dir.resolve("copies");
        StorageSettings settings = StorageSettings.from(storage(
                "type",
                "local",
                "base_dir",
                dir.resolve("remote").toString(),
                "use_local_copy",
                true,
                "local_copy_dir",
                copies.toString()));
        Path source = TestFiles.write(
                dir.resolve("run/TEXTOUT"), "converged\n".repeat(100).getBytes());

        try (StorageBackend storage = Storages.open(settings)) {
            assertThat(storage).isInstanceOf(LocalCopyStorage.class);
            StoredFile stored = storage.store(source, "g/pdrgrid/TEXTOUT1");
            storage.storeGzipped(source, "g/pdrgrid/TEXTOUT2");

            assertThat(stored.location())
                    .isEqualTo(dir.resolve("remote/g/pdrgrid/TEXTOUT1").toString());
            assertThat(copies.resolve("g/pdrgrid/TEXTOUT1")).hasSameBinaryContentAs(source);
            assertThat(Files.readAllBytes(copies.resolve("g/pdrgrid/TEXTOUT2.gz")))
                    .isEqualTo(Files.readAllBytes(dir.resolve("remote/g/pdrgrid/TEXTOUT2.gz")));
            storage.delete("g/pdrgrid/TEXTOUT1");
            assertThat(copies.resolve("g/pdrgrid/TEXTOUT1")).doesNotExist();
            assertThat(storage.exists("g/pdrgrid/TEXTOUT1")).isFalse();
        }
    }

    @Test
    void remoteFailureStoresNoLocalCopy() throws IOException {
        Path copies = dir.resolve("copies");
        Path source = TestFiles.write(dir.resolve("run/TEXTOUT"), new byte[] {1});
        Path blocker = TestFiles.write(dir.resolve("remote/g"), new byte[] {0}); // a file where a folder is needed
        try (StorageBackend storage = new LocalCopyStorage(new LocalStorage(blocker.getParent()), copies)) {
            assertThatThrownBy(() -> storage.store(source, "g/TEXTOUT1")).isInstanceOf(StorageException.class);
        }
        assertThat(copies.resolve("g/TEXTOUT1")).doesNotExist();
    }
}
