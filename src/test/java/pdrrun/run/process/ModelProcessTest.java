package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pdrrun.run.process.ProcessFixtures.RUNNER;
import static pdrrun.run.process.ProcessFixtures.alive;
import static pdrrun.run.process.ProcessFixtures.awaitPid;
import static pdrrun.run.process.ProcessFixtures.fastLimits;
import static pdrrun.run.process.ProcessFixtures.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProcessTest {
    @TempDir
    Path dir;

    @Test
    void normalRunGivesExitCodeAndTheLogHoldsExactlyTheProcessBytes() throws Exception {
        script(dir, "model", "printf 'out 1\\n'; printf 'err 2\\n' >&2; printf 'out 3 \\xff'; exit 3\n");

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log/TEXTOUT"), "./model"), fastLimits());

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.stalled()).isFalse();
        byte[] expected = {
            'o', 'u', 't', ' ', '1', '\n', 'e', 'r', 'r', ' ', '2', '\n', 'o', 'u', 't', ' ', '3', ' ', (byte) 0xff
        };
        assertThat(Files.readAllBytes(dir.resolve("log/TEXTOUT"))).isEqualTo(expected);
    }

    @Test
    void startAndFinishComeFromTheInjectedClock() throws Exception {
        script(dir, "model", "exit 0\n");
        Instant fixed = Instant.parse("2025-02-11T11:01:00Z");
        ModelProcess runner = new ModelProcess(Clock.fixed(fixed, ZoneOffset.UTC));

        ProcessResult result = runner.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        assertThat(result.started()).isEqualTo(fixed);
        assertThat(result.finished()).isEqualTo(fixed);
        assertThat(result.wallTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void extraEnvironmentReachesTheModelAndItsStdinIsAtEndOfFile() throws Exception {
        script(dir, "model", "echo \"job=$PDR_JOB_NAME\"\nif read -r x; then echo \"read $x\"; else echo eof; fi\n");
        Invocation inv = Invocation.of(dir, Path.of("log"), "./model").withEnv("PDR_JOB_NAME", "100_30_-10_10_00");

        ProcessResult result = RUNNER.run(inv, fastLimits().withWallTime(Duration.ofSeconds(10)));

        assertThat(result.timedOut()).isFalse();
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("job=100_30_-10_10_00\neof\n");
    }

    @Test
    void appendingKeepsTheEarlierLogAndTruncatingReplacesIt() throws Exception {
        script(dir, "model", "echo second\n");
        Files.writeString(dir.resolve("log"), "first\n");

        RUNNER.run(Invocation.of(dir, Path.of("log"), "./model").appendingLog(), fastLimits());
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("first\nsecond\n");

        RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());
        assertThat(Files.readString(dir.resolve("log"))).isEqualTo("second\n");
    }

    @Test
    void modelIsTheJvmsDirectChildAndLeadsItsOwnGroupAndSession() throws Exception {
        // Fields 4-6 of /proc/<pid>/stat: parent, process group, session.
        script(dir, "model", "read -r _ _ _ ppid pgrp sid _ < /proc/$$/stat\necho \"$$ $ppid $pgrp $sid\"\n");

        RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        String[] ids = Files.readString(dir.resolve("log")).strip().split(" ");
        long pid = Long.parseLong(ids[0]);
        assertThat(Long.parseLong(ids[1]))
                .as("setsid exec'd in place")
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(Long.parseLong(ids[2])).as("process group").isEqualTo(pid);
        assertThat(Long.parseLong(ids[3])).as("session").isEqualTo(pid);
        assertThat(ProcessHandle.current().pid()).isNotEqualTo(pid);
    }

    @Test
    void missingExecutableIsAnExitCodeNotAnException() throws Exception {
        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./no-such-pdrexe"), fastLimits());

        assertThat(result.exitCode()).isEqualTo(127);
        assertThat(Files.readString(dir.resolve("log"))).contains("no-such-pdrexe");
    }

    @Test
    void missingWorkingDirectoryCannotStartAndNamesTheDirectory() {
        Path missing = dir.resolve("gone");

        assertThatThrownBy(() -> RUNNER.run(Invocation.of(missing, dir.resolve("log"), "true"), fastLimits()))
                .isInstanceOf(ModelProcessException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void interruptingTheCallerKillsTheGroupAndPropagates() throws Exception {
        script(dir, "model", "sleep 60 &\necho $! > child.pid\nwait\n");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        caller.start();
        long child = awaitPid(dir.resolve("child.pid"), Duration.ofSeconds(5));
        long model = ProcStat.of(child).orElseThrow().parent();

        caller.interrupt();
        caller.join(10_000);

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(alive(child)).isFalse();
        assertThat(alive(model)).isFalse();
    }
}
