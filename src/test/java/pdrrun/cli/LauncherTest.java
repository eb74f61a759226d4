package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pdr-run launcher script, run on a stand-in jar ({@link LauncherJitProbe}). */
class LauncherTest {
    @TempDir
    Path install;

    @BeforeEach
    void installLauncherWithProbeJar() throws IOException {
        Files.copy(Path.of("pdr-run"), install.resolve("pdr-run"));
        Files.copy(Path.of("jvm-options.sh"), install.resolve("jvm-options.sh"));
        Files.createDirectories(install.resolve("target"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherJitProbe.class.getName());
        String entry = LauncherJitProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(install.resolve("target/pdr-run.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest);
                InputStream probe = LauncherJitProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            probe.transferTo(jar);
        }
    }

    @Test
    void commandsThatStoreOutputsGetTheServerCompilerAndTheDemoAndShortOnesTheClientCompilerOnly() throws Exception {
        for (String command : List.of("run", "worker", "upload-pending", "a-later-command")) {
            assertThat(launch(command))
                    .as(command)
                    .contains(
                            "TieredStopAtLevel=4",
                            "Tier4InvocationThreshold=40000",
                            "UseSerialGC=true",
                            "MetaspaceSize=" + (128L << 20),
                            "InitialRAMPercentage=4.0");
        }
        for (String command : List.of("demo")) {
            assertThat(launch(command))
                    .as(command)
                    .contains(
                            "TieredStopAtLevel=1",
                            "UseSerialGC=true",
                            "MetaspaceSize=" + (128L << 20),
                            "InitialRAMPercentage=4.0");
        }
        for (String command : List.of("status", "jobs", "submit", "export", "report", "db", "cancel", "--version")) {
            assertThat(launch(command))
                    .as(command)
                    .contains("TieredStopAtLevel=1", "UseSerialGC=true")
                    .doesNotContain("InitialRAMPercentage=4.0");
        }
        assertThat(launch()).contains("TieredStopAtLevel=1");
    }

    private String launch(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", install.resolve("pdr-run").toString()));
        command.addAll(List.of(args));
        Path out = install.resolve("out.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("PDR_RUN_JAVA_OPTS");
        Process process = builder.start();
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
