package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** upload-pending's input handling; its work is tested in pdrrun.spool.SpoolFaultTest. */
class UploadPendingCommandTest {
    @TempDir
    Path dir;

    @Test
    void anEmptySpoolIsReportedWithoutOpeningTheCatalog() {
        Workspace w = Workspace.in(dir);

        Result r = Workspace.run("upload-pending", "--config", w.config.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Spool ").contains(w.spool.toString()).contains("nothing waits for upload");
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void aModelNameThatCannotBeOneIsRefusedNamingTheFlag() {
        Workspace w = Workspace.in(dir);

        Result r = Workspace.run("upload-pending", "--config", w.config.toString(), "--model", "../grid");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("--model: '../grid' is not a model name", "letters, digits");
    }

    @Test
    void aMissingConfigurationFileIsRefusedNamingIt() {
        Result r = Workspace.run(
                "upload-pending", "--config", dir.resolve("nope.yaml").toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nope.yaml", "--config");
    }
}
