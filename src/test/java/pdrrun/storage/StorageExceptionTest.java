package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Translation of I/O failures, the factory and the stored-file record. */
class StorageExceptionTest {
    private static StorageException.Kind kindOf(IOException e) {
        StorageException translated = StorageException.from(e, "g/pdrgrid/pdr1.hdf", "storing g/pdrgrid/pdr1.hdf");
        assertThat(translated.getMessage()).startsWith("storing g/pdrgrid/pdr1.hdf failed: ");
        assertThat(translated).hasCause(e);
        return translated.kind();
    }

    @Test
    void ioFailuresAreTranslatedToKinds() {
        assertThat(kindOf(new NoSuchFileException("/tmp/pdrout.hdf"))).isEqualTo(StorageException.Kind.NOT_FOUND);
        assertThat(kindOf(new AccessDeniedException("/data/g"))).isEqualTo(StorageException.Kind.PERMISSION);
        assertThat(kindOf(new FileSystemException("/data/g/x", null, "No space left on device")))
                .isEqualTo(StorageException.Kind.NO_SPACE);
        assertThat(kindOf(new IOException("write failed", new IOException("No space left on device"))))
                .isEqualTo(StorageException.Kind.NO_SPACE);
        assertThat(kindOf(new IOException("Input/output error"))).isEqualTo(StorageException.Kind.OTHER);
    }

    @Test
    void messageAlwaysNamesThePath() {
        StorageException e = new StorageException(StorageException.Kind.OTHER, "g/x", "upload failed");
        assertThat(e.getMessage()).isEqualTo("upload failed [g/x]");
        assertThat(e.path()).isEqualTo("g/x");
    }

    @Test
    void factoryOpensLocalAndExplainsTheOthers() {
        assertThat(Storages.open(" Local ", Path.of("/data/pdr"))).isInstanceOf(LocalStorage.class);
        assertThatThrownBy(() -> Storages.open("sftp", Path.of("/data/pdr")))
                .hasMessageContaining("storage type 'sftp' needs the whole storage section");
        assertThatThrownBy(() -> Storages.open("s3", Path.of("/data/pdr")))
                .hasMessageContaining("'s3'")
                .hasMessageContaining("local, sftp, rclone");
    }

    @Test
    void storedFileRejectsImpossibleValues() {
        String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        Instant t = Instant.EPOCH;
        assertThat(new StoredFile("g/x", "/data/g/x", 0, sha, t).size()).isZero();
        assertThatThrownBy(() -> new StoredFile("g/x", "/data/g/x", -1, sha, t)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new StoredFile("g/x", "/data/g/x", 1, sha.toUpperCase(), t))
                .hasMessageContaining("lower-case hex");
        assertThatThrownBy(() -> new StoredFile(" ", "/data/g/x", 1, sha, t)).hasMessageContaining("path");
    }
}
