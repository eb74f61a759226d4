package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.process.ProcessFixtures.RUNNER;
import static pdrrun.run.process.ProcessFixtures.fastLimits;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pdrrun.job.JobStatus;

/** Every outcome the demo pdrexe can produce, classified from real runs. */
class DemoOutcomeTest {
    @TempDir
    static Path shared;

    static Path home;

    @TempDir
    Path dir;

    @BeforeAll
    static void installHome() {
        home = ProcessFixtures.demoHome(shared);
    }

    private Outcome runDemo(String mode) throws Exception {
        Path run = ProcessFixtures.runDir(dir, "run");
        ProcessResult result =
                RUNNER.run(ProcessFixtures.pdrexe(home, run, mode), fastLimits().withWallTime(Duration.ofSeconds(20)));
        assertThat(result.timedOut()).isFalse();
        return OutcomeClassifier.classify(result, run);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ok, FINISHED, strict, TEXTOUT",
        "relaxed, FINISHED_RELAXED, relaxed, TEXTOUT",
        "not_converged, NOT_CONVERGED, no, TEXTOUT",
        "flagged, FLAGGED, strict, run_status.json",
        "status_json, FINISHED, strict, run_status.json",
    })
    void demoModeEndsInItsState(String mode, JobStatus status, String converged, String source) throws Exception {
        Outcome outcome = runDemo(mode);

        assertThat(outcome.status()).isEqualTo(status);
        assertThat(outcome.details().converged()).isEqualTo(converged);
        assertThat(outcome.details().source()).isEqualTo(source);
        assertThat(outcome.details().globalIterations()).isBetween(3, 8);
        assertThat(outcome.details().epsFinal()).isPositive();
    }

    @Test
    void flaggedModelCarriesTheShellCountAndTheCodeVersion() throws Exception {
        Outcome outcome = runDemo("flagged");

        assertThat(outcome.details().tsearchFlaggedShells()).isPositive();
        assertThat(outcome.details().codeVersion()).isEqualTo("demo-r42");
        assertThat(outcome.details().gitHash()).hasSize(16);
        assertThat(outcome.warning()).contains("flagged");
        assertThat(outcome.usable()).isTrue();
    }

    @Test
    void notConvergedModelSaysWhy() throws Exception {
        Outcome outcome = runDemo("not_converged");

        assertThat(outcome.reason()).startsWith("model not converged after ");
        assertThat(outcome.usable()).isFalse();
    }

    @Test
    void abortedModelReportsItsExitCode() throws Exception {
        Outcome outcome = runDemo("aborted");

        assertThat(outcome.status()).isEqualTo(JobStatus.ABORTED);
        assertThat(outcome.reason()).isEqualTo("pdrexe exited with code 7");
    }

    @Test
    void modelKilledMidWriteIsAbortedBySignal() throws Exception {
        Outcome outcome = runDemo("crash_mid_write");

        assertThat(outcome.status()).isEqualTo(JobStatus.ABORTED);
        assertThat(outcome.reason()).isEqualTo("pdrexe killed by signal 9 (exit code 137)");
    }

    @Test
    void missingStructureFileIsMissingOutput() throws Exception {
        Outcome outcome = runDemo("missing_output");

        assertThat(outcome.status()).isEqualTo(JobStatus.MISSING_OUTPUT);
        assertThat(outcome.reason()).isEqualTo("no pdroutput/pdrstruct_s.hdf5");
    }

    @Test
    void runWithoutConvergenceLineIsFinishedWithAWarning() throws Exception {
        Outcome outcome = runDemo("no_line");

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.warning()).contains("no convergence line");
        assertThat(outcome.details()).isEqualTo(RunStatus.empty());
        assertThat(outcome.reason()).isNull();
    }
}
