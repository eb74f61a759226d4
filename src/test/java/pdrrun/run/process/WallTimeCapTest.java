package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.process.ProcessFixtures.RUNNER;
import static pdrrun.run.process.ProcessFixtures.alive;
import static pdrrun.run.process.ProcessFixtures.awaitPid;
import static pdrrun.run.process.ProcessFixtures.fastLimits;
import static pdrrun.run.process.ProcessFixtures.script;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.job.JobStatus;

class WallTimeCapTest {
    @TempDir
    Path dir;

    @Test
    void capKillsAHangingModelAndTheChildItStarted() throws Exception {
        Path home = ProcessFixtures.demoHome(dir);
        Path run = ProcessFixtures.runDir(dir, "run");
        ProcessLimits limits = fastLimits().withWallTime(Duration.ofMillis(800));

        CompletableFuture<ProcessResult> running = CompletableFuture.supplyAsync(() -> runUnchecked(home, run, limits));
        long child = awaitPid(run.resolve("pdroutput/child.pid"), Duration.ofSeconds(5));
        long model = ProcStat.of(child).orElseThrow().parent();
        assertThat(alive(model)).isTrue();
        ProcessResult result = running.get(20, TimeUnit.SECONDS);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.stalled()).isFalse();
        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.wallTime()).isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
        assertThat(alive(model)).as("pdrexe").isFalse();
        assertThat(alive(child)).as("its child sleep").isFalse();
        assertThat(OutcomeClassifier.classify(result, run).status()).isEqualTo(JobStatus.TIMEOUT);
    }

    @Test
    void modelThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        // trap '' is inherited: the child sleep ignores SIGTERM too.
        script(dir, "model", "trap '' TERM\nsleep 60 &\necho $! > child.pid\nwhile true; do wait; done\n");
        ProcessLimits limits = fastLimits().withWallTime(Duration.ofMillis(300)).withKillGrace(Duration.ofMillis(700));

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), limits);

        long child = awaitPid(dir.resolve("child.pid"), Duration.ofSeconds(1));
        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(128 + 9);
        assertThat(result.wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(300 + 700));
        assertThat(alive(child)).isFalse();
    }

    @Test
    void modelThatDiesOnSigtermIsNotWaitedForTheWholeGrace() throws Exception {
        script(dir, "model", "sleep 60 &\nwait\n");
        ProcessLimits limits = fastLimits().withWallTime(Duration.ofMillis(300)).withKillGrace(Duration.ofSeconds(20));

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), limits);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(128 + 15);
        assertThat(result.wallTime()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void modelFinishingBeforeTheCapIsNotTimedOut() throws Exception {
        script(dir, "model", "sleep 0.3\n");

        ProcessResult result = RUNNER.run(
                Invocation.of(dir, Path.of("log"), "./model"), fastLimits().withWallTime(Duration.ofSeconds(5)));

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
    }

    private static ProcessResult runUnchecked(Path home, Path run, ProcessLimits limits) {
        try {
            return RUNNER.run(ProcessFixtures.pdrexe(home, run, "hang"), limits);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
