package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
    @TempDir
    Path dir;

    @Test
    void makesWhatIsMissingAndLeavesWhatIsThere() throws Exception {
        Path deep = dir.resolve("a/b/c");
        Folders.ensure(deep);
        assertThat(deep).isDirectory();
        Files.writeString(deep.resolve("kept"), "k");
        Folders.ensure(deep);
        assertThat(deep.resolve("kept")).hasContent("k");
    }

    @Test
    void aLinkToAFolderIsAFolderAndAFileInTheWayIsAnError() throws Exception {
        Path target = Files.createDirectories(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Folders.ensure(link);
        assertThat(link).isSymbolicLink();

        Path file = Files.writeString(dir.resolve("file"), "f");
        assertThatThrownBy(() -> Folders.ensure(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> Folders.ensure(file.resolve("below"))).isInstanceOf(java.io.IOException.class);
    }
}
