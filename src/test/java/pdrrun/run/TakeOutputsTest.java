package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.config.ConfigLoader;
import pdrrun.storage.CompressionPolicy;
import pdrrun.storage.LocalStorage;
import pdrrun.storage.StorageRetry;
import pdrrun.testing.Workspace;

/** Outputs are taken into local storage by rename unless the configuration or the run says no. */
class TakeOutputsTest {
    @TempDir
    Path dir;

    @Test
    void storageTakeOutputsFalseTurnsTakingOff() throws Exception {
        Workspace w = Workspace.in(dir);
        assertThat(settings(w).takeOutputs()).isTrue();
        Files.writeString(
                w.config, Files.readString(w.config).replace("storage:\n", "storage:\n  take_outputs: false\n"));
        assertThat(settings(w).takeOutputs()).isFalse();
    }

    @Test
    void anOutputStoreThatMayNotTakeCopies() throws Exception {
        LocalStorage storage = new LocalStorage(dir.resolve("storage"));
        Path kept = Files.writeString(dir.resolve("kept"), "k");
        Path taken = Files.writeString(dir.resolve("taken"), "t");

        new OutputStore(storage, StorageRetry.withDefaults(), new CompressionPolicy(List.of()), false, () -> null)
                .take(kept, "m/pdrgrid/kept");
        new OutputStore(storage, StorageRetry.withDefaults(), new CompressionPolicy(List.of()), true, () -> null)
                .take(taken, "m/pdrgrid/taken");

        assertThat(kept).exists();
        assertThat(taken).doesNotExist();
        assertThat(dir.resolve("storage/m/pdrgrid/kept")).hasContent("k");
        assertThat(dir.resolve("storage/m/pdrgrid/taken")).hasContent("t");
    }

    private static RunSettings settings(Workspace w) {
        return RunSettings.from(
                ConfigLoader.load(w.config, Map.of()), false, false, Optional.empty(), Optional.empty());
    }
}
