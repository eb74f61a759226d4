package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures injected into the middle of an atomic write. */
class PartFileTest {
    @TempDir
    Path dir;

    @Test
    void readErrorHalfWayKeepsThePreviousFileAndRemovesThePart() throws IOException {
        Path target = TestFiles.write(dir.resolve("pdrgrid/pdrstruct1.hdf5"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> PartFile.write(target, "pdrgrid/pdrstruct1.hdf5", 1000, out -> {
                    out.write(new byte[500]);
                    throw new IOException("Input/output error");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("Input/output error");

        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
        assertThat(namesIn(target.getParent())).containsExactly("pdrstruct1.hdf5");
    }

    @Test
    void sourceShorterThanItsSizeIsATransientFailureAndStoresNothing() throws IOException {
        Path target = dir.resolve("pdrgrid/TEXTOUT1");

        assertThatThrownBy(() -> PartFile.write(target, "pdrgrid/TEXTOUT1", 1000, out -> {
                    out.write(new byte[600]);
                    return 600;
                }))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.TRANSIENT);
                    assertThat(e.getMessage()).contains("pdrgrid/TEXTOUT1", "600", "1000");
                });

        assertThat(target).doesNotExist();
        assertThat(namesIn(target.getParent())).isEmpty();
    }

    @Test
    void completeWriteReportsWhatWasWritten() throws IOException {
        Path target = dir.resolve("a/b/CTRL_IND1");
        byte[] content = TestFiles.randomBytes(70_000, 9);

        StoredFile stored = PartFile.write(target, "a/b/CTRL_IND1", content.length, out -> {
            out.write(content);
            return content.length;
        });

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(TestFiles.sha256(content)).isEqualTo(Checksums.sha256(target));
        assertThat(namesIn(target.getParent())).containsExactly("CTRL_IND1");
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
