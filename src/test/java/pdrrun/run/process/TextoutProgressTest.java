package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.run.process.TextoutProgress.Progress;

class TextoutProgressTest {
    private static final String RECORD =
            "   current shell #: %4d ***** current iteration step: %4d\nAV = %s\nT(gas): %s\n";

    @TempDir
    Path dir;

    private Path textout(String text) throws IOException {
        return Files.writeString(dir.resolve("TEXTOUT"), text);
    }

    @Test
    void latestShellIterationExtinctionAndTemperatureAreReported() throws IOException {
        Path file = textout(" header\n" + RECORD.formatted(10, 1, "1.000E-01", "500.0")
                + RECORD.formatted(20, 2, "2.500E+00", "45.6"));

        assertThat(TextoutProgress.parse(file)).contains(new Progress(20, 2, 2.5, 45.6));
    }

    @Test
    void fortranExponentsAreRead() throws IOException {
        Path file = textout(RECORD.formatted(3, 7, "1.5D+01", "1.2D+02"));

        assertThat(TextoutProgress.parse(file)).contains(new Progress(3, 7, 15.0, 120.0));
    }

    @Test
    void lineStillBeingWrittenIsNotRead() throws IOException {
        Path file = textout(RECORD.formatted(20, 2, "2.500E+00", "45.6") + "AV = 3.");

        assertThat(TextoutProgress.parse(file).orElseThrow().av()).isEqualTo(2.5);
    }

    @Test
    void onlyTheEndOfTheFileIsRead() throws IOException {
        String early = RECORD.formatted(5, 1, "1.000E-01", "500.0");
        String later = "AV = 7.0E+00\n";
        String noise = "x".repeat(100) + "\n";
        Path file = textout(early + noise.repeat(2 * TextoutProgress.WINDOW / noise.length()) + later);

        assertThat(TextoutProgress.parse(file)).contains(new Progress(null, null, 7.0, null));
    }

    @Test
    void missingOrProgressFreeLogGivesEmpty() throws IOException {
        assertThat(TextoutProgress.parse(dir.resolve("none"))).isEmpty();
        assertThat(TextoutProgress.parse(textout(" header\n nothing yet\n"))).isEmpty();
    }
}
