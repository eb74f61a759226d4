package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backwards scan of a large TEXTOUT for its last convergence line. */
class TextoutConvergenceTest {
    private static final String LINE = "Model CONVERGED in 21 iterations (relaxed eps=4.5D-04, strict eps=1.0D-05)";
    private static final String FILLER =
            "   current shell #:   12 ***** current iteration step:    2  AV = 1.234E+00\n";

    @TempDir
    Path dir;

    @Test
    void lineNearTheStartOfAFiftyMegabyteTextoutIsFoundQuickly() throws IOException {
        Path textout = dir.resolve("TEXTOUT");
        try (BufferedWriter w = Files.newBufferedWriter(textout, StandardCharsets.ISO_8859_1)) {
            w.write(" header\n" + LINE + "\n");
            for (long written = 0; written < 50L << 20; written += FILLER.length()) {
                w.write(FILLER);
            }
        }
        assertThat(Files.size(textout)).isGreaterThan(50L << 20);

        long t0 = System.nanoTime();
        Optional<RunStatus> status = TextoutConvergence.lastIn(textout);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(status).contains(RunStatus.fromTextout("relaxed", 21, 4.5e-4));
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void lineCutByTheChunkBoundaryIsFound() throws IOException {
        String prefix = "a\n".repeat(1000);
        String suffix = "y".repeat(TextoutConvergence.CHUNK - LINE.length() / 2 - 2) + "\n";
        String text = prefix + LINE + "\n" + suffix;
        long firstChunkStart = text.length() - TextoutConvergence.CHUNK;
        assertThat(firstChunkStart).isStrictlyBetween((long) prefix.length(), (long) (prefix.length() + LINE.length()));
        Path textout = Files.writeString(dir.resolve("TEXTOUT"), text);

        assertThat(TextoutConvergence.lastIn(textout)).contains(RunStatus.fromTextout("relaxed", 21, 4.5e-4));
    }

    @Test
    void lineBeforeAnOverlongLineIsStillFound() throws IOException {
        String huge = "z".repeat(3 * TextoutConvergence.CHUNK) + "\n";
        Path textout = Files.writeString(dir.resolve("TEXTOUT"), LINE + "\n" + huge + "end\n");

        assertThat(TextoutConvergence.lastIn(textout)).contains(RunStatus.fromTextout("relaxed", 21, 4.5e-4));
    }

    @Test
    void fileWithoutAnyLineGivesEmpty() throws IOException {
        Path textout = Files.writeString(dir.resolve("TEXTOUT"), FILLER.repeat(40_000));

        assertThat(TextoutConvergence.lastIn(textout)).isEmpty();
    }

    @Test
    void linesAreReadWithTheirNumbers() {
        assertThat(TextoutConvergence.parseLine("Model CONVERGED in 5 iterations (eps=1.2E-06)"))
                .contains(RunStatus.fromTextout("strict", 5, 1.2e-6));
        assertThat(TextoutConvergence.parseLine(" Model NOT CONVERGED after 100 iterations (eps= 0.5)"))
                .contains(RunStatus.fromTextout("no", 100, 0.5));
        assertThat(TextoutConvergence.parseLine("Model CONVERGED in 5 iterations (eps=******)"))
                .contains(RunStatus.fromTextout("strict", 5, null));
        assertThat(TextoutConvergence.parseLine("Model CONVERGED soon")).isEmpty();
    }
}
