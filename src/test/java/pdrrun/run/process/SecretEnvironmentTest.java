package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model never sees the runner's credentials in its environment. */
class SecretEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void theRunnersSecretVariablesDoNotReachAModelTheOthersDo() throws Exception {
        Path log = dir.resolve("TEXTOUT");
        // A JVM of its own: this one's environment cannot be given a secret.
        ProcessBuilder runner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunEnv.class.getName(),
                        dir.toString(),
                        log.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("runner.out").toFile());
        runner.environment().put("PDR_DB_PASSWORD", "hunter2");
        runner.environment().put("SFTP_TOKEN", "t0k3n");
        runner.environment().put("PDR_PLAIN_SETTING", "visible");
        Process p = runner.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(Files.readString(dir.resolve("runner.out")))
                .isZero();

        String env = Files.readString(log);
        assertThat(env).contains("PDR_PLAIN_SETTING=visible").doesNotContain("hunter2", "t0k3n", "PDR_DB_PASSWORD");
    }

    /** Runs {@code env} as a model, its output into the log. */
    public static final class RunEnv {
        public static void main(String[] args) throws Exception {
            ProcessResult result = new ModelProcess(Clock.systemUTC())
                    .run(Invocation.of(Path.of(args[0]), Path.of(args[1]), "env"), ProcessLimits.none());
            System.exit(result.exitCode());
        }
    }
}
