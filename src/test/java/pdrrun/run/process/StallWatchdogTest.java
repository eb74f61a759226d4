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
import pdrrun.job.JobStatus;

class StallWatchdogTest {
    @TempDir
    Path dir;

    @Test
    void modelStuckInIterationOneIsKilledAsStalled() throws Exception {
        Path home = ProcessFixtures.demoHome(dir);
        Path run = ProcessFixtures.runDir(dir, "run");
        ProcessLimits limits =
                fastLimits().withStallFirstIteration(Duration.ofMillis(700)).withWallTime(Duration.ofSeconds(30));

        ProcessResult result = RUNNER.run(ProcessFixtures.pdrexe(home, run, "stall"), limits);

        long child = awaitPid(run.resolve("pdroutput/child.pid"), Duration.ofSeconds(1));
        assertThat(result.stalled()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.wallTime()).isBetween(Duration.ofMillis(700), Duration.ofSeconds(5));
        assertThat(alive(child)).isFalse();
        assertThat(Files.readString(run.resolve("pdroutput/TEXTOUT"))).contains("current iteration step:    1");
        assertThat(OutcomeClassifier.classify(result, run).status()).isEqualTo(JobStatus.STALLED);
    }

    @Test
    void modelThatReachedIterationTwoRunsOnPastTheWatchdog() throws Exception {
        script(
                dir,
                "model",
                "printf '   current shell #:   12 ***** current iteration step:    1\\n'\n"
                        + "printf '   current shell #:   12 ***** current iteration step:    2\\n'\n"
                        + "sleep 1.2\necho done\n");
        ProcessLimits limits = fastLimits().withStallFirstIteration(Duration.ofMillis(400));

        ProcessResult result = RUNNER.run(Invocation.of(dir, Path.of("log"), "./model"), limits);

        assertThat(result.stalled()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.wallTime()).isGreaterThan(Duration.ofMillis(1200));
        assertThat(Files.readString(dir.resolve("log"))).endsWith("done\n");
    }

    @Test
    void hangingModelPastIterationTwoMeetsTheCapNotTheWatchdog() throws Exception {
        Path home = ProcessFixtures.demoHome(dir);
        Path run = ProcessFixtures.runDir(dir, "run");
        ProcessLimits limits =
                fastLimits().withStallFirstIteration(Duration.ofMillis(300)).withWallTime(Duration.ofMillis(1000));

        ProcessResult result = RUNNER.run(ProcessFixtures.pdrexe(home, run, "hang"), limits);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.stalled()).isFalse();
    }

    @Test
    void iterationTwoInAnEarlierPartOfAnAppendedLogDoesNotCount() throws Exception {
        Files.writeString(dir.resolve("log"), "   current shell #:    1 ***** current iteration step:    9\n");
        script(dir, "model", "printf '   current shell #:    1 ***** current iteration step:    1\\n'\nsleep 30\n");
        ProcessLimits limits = fastLimits().withStallFirstIteration(Duration.ofMillis(400));

        ProcessResult result =
                RUNNER.run(Invocation.of(dir, Path.of("log"), "./model").appendingLog(), limits);

        assertThat(result.stalled()).isTrue();
    }

    @Test
    void watchCompletesALineCutBetweenTwoPolls() throws Exception {
        Path log = dir.resolve("log");
        Files.writeString(log, "x\n   current shell #: 3 ***** current iteration st");
        IterationWatch watch = new IterationWatch(log, 0);
        assertThat(watch.poll()).isFalse();

        Files.writeString(log, "ep:    1", java.nio.file.StandardOpenOption.APPEND);
        assertThat(watch.poll()).as("step 1 is not enough").isFalse();

        Files.writeString(log, "2\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(watch.poll()).as("step 12").isTrue();
        assertThat(watch.reached()).isTrue();
    }

    @Test
    void watchIgnoresStepOneAndAcceptsStepTwo() throws Exception {
        assertThat(IterationWatch.showsSecondStep("current iteration step:    1"))
                .isFalse();
        assertThat(IterationWatch.showsSecondStep("current iteration step:2")).isTrue();
        assertThat(IterationWatch.showsSecondStep("current iteration step: 99999999999"))
                .isTrue();
        assertThat(IterationWatch.showsSecondStep("AV = 2.0")).isFalse();
    }
}
