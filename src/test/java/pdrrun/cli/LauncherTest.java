package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final List<String> CLIENT = List.of("TieredStopAtLevel=1", "UseSerialGC=true");
    private static final List<String> BOTH =
            List.of("TieredStopAtLevel=4", "Tier4InvocationThreshold=40000", "UseSerialGC=true");
    private static final List<String> RUNNER =
            List.of("UseSerialGC=true", "MetaspaceSize=" + (128L << 20), "InitialRAMPercentage=4.0");

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
    void commandsThatMayUploadOverSftpGetTheServerCompilerAndTheOthersTheClientCompilerOnly() throws Exception {
        for (String command : List.of("upload-pending", "a-later-command")) {
            assertThat(launch(command)).as(command).contains(BOTH).contains(RUNNER);
        }
        Path local = config("local.yaml", "storage: {type: local, base_dir: /data/grid}\n");
        Path sftp = config("sftp.yaml", "storage:\n  type: SFTP\n  host: archive\n");
        for (String command : List.of("run", "worker")) {
            assertThat(launch(command))
                    .as(command + " without --config: the thresholds of both compilers, for TieredStopAtLevel=4 added")
                    .contains(CLIENT)
                    .contains(RUNNER)
                    .contains("Tier4InvocationThreshold=40000");
            assertThat(launch(command, "--config", local.toString()))
                    .as(command + " on local storage")
                    .contains(CLIENT)
                    .contains(RUNNER);
            assertThat(launch(command, "--workers", "2", "--config", sftp.toString()))
                    .as(command + " on SFTP storage")
                    .contains(BOTH)
                    .contains(RUNNER);
            assertThat(launch(command, "--config=" + sftp))
                    .as(command + " --config=")
                    .contains(BOTH);
            assertThat(launch(Map.of("PDR_STORAGE_TYPE", "sftp"), command, "--config", local.toString()))
                    .as(command + ": the environment overrides the file")
                    .contains(BOTH);
            assertThat(launch(Map.of("PDR_STORAGE_TYPE", "local"), command, "--config", sftp.toString()))
                    .as(command + ": the environment overrides the file")
                    .contains(CLIENT);
            assertThat(launch(Map.of("PDR_STORAGE_TYPE", " SFTP\n"), command, "--config", local.toString()))
                    .as(command + ": as the configuration reads the variable")
                    .contains(BOTH);
            assertThat(launch(command, "@" + install.resolve("args.txt")))
                    .as(command + ": an argument file may name any configuration")
                    .contains(BOTH);
            assertThat(launch(Map.of("PDR_STORAGE_TYPE", ""), command, "--config", sftp.toString()))
                    .as(command + ": an empty variable is not set")
                    .contains(BOTH);
            assertThat(launch(
                            command, "--config", install.resolve("missing.yaml").toString()))
                    .as(command + ": a file that cannot be read here")
                    .contains(BOTH);
            assertThat(launch(command, "--config", "/dev/null"))
                    .as(command + ": not a regular file")
                    .contains(BOTH);
            assertThat(launch(command, "--config")).as(command + ": no value").contains(CLIENT);
        }
        assertThat(launch("demo")).contains(CLIENT).contains(RUNNER);
        for (String command : List.of("status", "jobs", "submit", "export", "report", "db", "cancel", "--version")) {
            assertThat(launch(command, "--config", sftp.toString()))
                    .as(command)
                    .contains(CLIENT)
                    .doesNotContain(RUNNER.get(2));
        }
        assertThat(launch()).contains(CLIENT);
    }

    private Path config(String name, String text) throws IOException {
        return Files.writeString(install.resolve(name), text);
    }

    private String launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    private String launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", install.resolve("pdr-run").toString()));
        command.addAll(List.of(args));
        Path out = install.resolve("out.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("PDR_RUN_JAVA_OPTS");
        builder.environment().remove("PDR_STORAGE_TYPE");
        builder.environment().putAll(environment);
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
