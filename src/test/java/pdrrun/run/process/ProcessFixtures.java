package pdrrun.run.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import pdrrun.run.DemoHome;

/** Run directories, scripts and pid checks shared by the process tests. */
final class ProcessFixtures {
    static final ModelProcess RUNNER = new ModelProcess(Clock.systemUTC());
    static final Path TEXTOUT = Path.of("pdroutput/TEXTOUT");

    private ProcessFixtures() {}

    /** Fast polling and a short grace, so a test that kills takes about a second. */
    static ProcessLimits fastLimits() {
        return ProcessLimits.none().withPollInterval(Duration.ofMillis(100)).withKillGrace(Duration.ofMillis(500));
    }

    static Path demoHome(Path dir) {
        return DemoHome.install(dir.resolve("home"));
    }

    /** A run directory as the runner prepares it: a config for pdrexe, an empty pdroutput/. */
    static Path runDir(Path dir, String name) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(run.resolve("pdroutput"));
        Files.writeString(run.resolve("pdr_config.json"), "{}\n");
        return run;
    }

    /**
     * The demo pdrexe in {@code mode} for one job. Hang and stall sleep 60 s, not an hour, so a
     * process leaked by a failing test does not linger.
     */
    static Invocation pdrexe(Path home, Path run, String mode) {
        return Invocation.of(run, TEXTOUT, home.resolve("pdrexe").toString())
                .withEnv("PDR_JOB_NAME", "100_30_-10_10_00")
                .withEnv("PDRDEMO_MODES", "*=" + mode)
                .withEnv("PDRDEMO_HANG_SECONDS", "60");
    }

    /** An executable bash script {@code name} in {@code dir}. */
    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body, StandardCharsets.UTF_8);
        file.toFile().setExecutable(true, false);
        return file;
    }

    /** Waits for a file holding a pid (written by the process under test) and returns the pid. */
    static long awaitPid(Path file, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return Long.parseLong(text.split("\\s+")[0]);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no pid in " + file + " within " + timeout);
    }

    /**
     * Whether {@code pid} still runs. ProcessHandle alone reports a zombie as alive; an orphan
     * killed by the runner is a zombie until init collects it, which a container init may do only
     * every few seconds. A zombie has exited, so it counts as dead; anything else still fails.
     */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcStat::running).orElse(false);
    }
}
