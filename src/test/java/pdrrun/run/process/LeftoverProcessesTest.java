package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.process.ProcessFixtures.RUNNER;
import static pdrrun.run.process.ProcessFixtures.alive;
import static pdrrun.run.process.ProcessFixtures.awaitPid;
import static pdrrun.run.process.ProcessFixtures.fastLimits;
import static pdrrun.run.process.ProcessFixtures.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {
    @TempDir
    Path dir;

    @Test
    void backgroundChildOfAModelThatExitsZeroIsKilledAfterTheRun() throws Exception {
        script(dir, "model", "sleep 60 &\necho $! > child.pid\nexit 0\n");

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        assertThat(result.exitCode()).isZero();
        assertThat(result.timedOut()).isFalse();
        assertThat(alive(awaitPid(dir.resolve("child.pid"), Duration.ofSeconds(1))))
                .isFalse();
    }

    @Test
    void leftoverThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        script(dir, "model", "(trap '' TERM; exec sleep 60) &\necho $! > child.pid\nsleep 0.2\nexit 0\n");

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        assertThat(result.exitCode()).isZero();
        assertThat(alive(awaitPid(dir.resolve("child.pid"), Duration.ofSeconds(1))))
                .isFalse();
    }

    @Test
    void childThatLeftTheGroupIsKilledAsAKnownDescendant() throws Exception {
        // The child starts its own session: a group kill cannot reach it, only the descendants
        // seen while the model ran. The model lives a few polls so the child is seen.
        script(
                dir,
                "model",
                "setsid sleep 60 &\nchild=$!\necho $child > child.pid\nsleep 0.6\n"
                        + "read -r _ _ _ _ pgrp sid _ < /proc/$child/stat\necho \"$pgrp $sid\" > child.ids\nexit 0\n");

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        long child = awaitPid(dir.resolve("child.pid"), Duration.ofSeconds(1));
        assertThat(Files.readString(dir.resolve("child.ids")).strip())
                .as("the child really escaped: its own group and session")
                .isEqualTo(child + " " + child);
        assertThat(result.exitCode()).isZero();
        assertThat(alive(child)).isFalse();
    }

    @Test
    void modelWithoutLeftoversReturnsAtOnce() throws Exception {
        script(dir, "model", "exit 0\n");
        ProcessLimits limits = fastLimits().withKillGrace(Duration.ofSeconds(20));

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), limits);

        assertThat(result.exitCode()).isZero();
        assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(5));
    }
}
