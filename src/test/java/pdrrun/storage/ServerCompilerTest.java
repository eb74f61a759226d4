package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that SFTP storage has the server compiler, in JVMs started with and without it. */
class ServerCompilerTest {
    @TempDir
    Path dir;

    @Test
    void clientCompilerAloneIsReportedOnceWithHowToGetBoth() throws Exception {
        String out = probe("-XX:TieredStopAtLevel=1");
        assertThat(out).contains("available=false");
        assertThat(out.split("client compiler alone", -1)).as(out).hasSize(2);
        assertThat(out).contains("WARN", "SFTP storage", "PDR_STORAGE_TYPE", "-XX:TieredStopAtLevel=4");
    }

    @Test
    void quickOnlyModeIsTheClientCompilerAloneToo() throws Exception {
        assertThat(probe("-XX:CompilationMode=quick-only")).contains("available=false");
    }

    @Test
    void bothCompilersOrTheServerCompilerAloneSayNothing() throws Exception {
        for (String option : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation")) {
            String out = probe(option);
            assertThat(out).as(option).contains("available=true").doesNotContain("WARN");
        }
    }

    private String probe(String option) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                option,
                "-cp",
                System.getProperty("java.class.path"),
                ServerCompilerProbe.class.getName()));
        Path out = dir.resolve("out.txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        String text = Files.readString(out);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
