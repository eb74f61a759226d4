package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.job.JobStatus;

/** Classification from hand-written run directories. */
class OutcomeClassifierTest {
    private static final Instant T0 = Instant.parse("2025-02-11T11:00:00Z");
    private static final ProcessResult EXIT_0 = exit(0);

    @TempDir
    Path run;

    @BeforeEach
    void structureFile() throws IOException {
        Files.createDirectories(run.resolve("pdroutput"));
        Files.writeString(run.resolve(OutcomeClassifier.STRUCTURE), "structure\n");
    }

    private static ProcessResult exit(int code) {
        return new ProcessResult(code, false, false, T0, T0.plusSeconds(30));
    }

    private void textout(String text) throws IOException {
        Files.writeString(run.resolve(OutcomeClassifier.TEXTOUT), text);
    }

    private void statusJson(String text) throws IOException {
        Files.writeString(run.resolve(OutcomeClassifier.STATUS_FILE), text);
    }

    @Test
    void limitsComeBeforeTheExitCodeAndTheExitCodeBeforeTheOutputs() throws IOException {
        textout("Model CONVERGED in 5 iterations (eps=1.0E-06)\n");
        ProcessResult capped = new ProcessResult(143, true, false, T0, T0.plusSeconds(30));
        ProcessResult stalled = new ProcessResult(143, false, true, T0, T0.plusSeconds(3));

        assertThat(OutcomeClassifier.classify(capped, run).status()).isEqualTo(JobStatus.TIMEOUT);
        assertThat(OutcomeClassifier.classify(capped, run).reason())
                .isEqualTo("wall-time cap reached: killed after 30 s");
        assertThat(OutcomeClassifier.classify(stalled, run).status()).isEqualTo(JobStatus.STALLED);
        assertThat(OutcomeClassifier.classify(exit(1), run).status()).isEqualTo(JobStatus.ABORTED);
        Files.delete(run.resolve(OutcomeClassifier.STRUCTURE));
        assertThat(OutcomeClassifier.classify(exit(2), run).status()).isEqualTo(JobStatus.ABORTED);
        assertThat(OutcomeClassifier.classify(EXIT_0, run).status()).isEqualTo(JobStatus.MISSING_OUTPUT);
    }

    @Test
    void lastConvergenceLineWinsWhenThereAreSeveral() throws IOException {
        textout("Model NOT CONVERGED after 10 iterations (eps=1.0E-01)\n"
                + "restart\nModel CONVERGED in 14 iterations (relaxed eps=2.5E-04, strict eps=1.0E-05)\n"
                + " end of run\n");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED_RELAXED);
        assertThat(outcome.details()).isEqualTo(RunStatus.fromTextout("relaxed", 14, 2.5e-4));
    }

    @Test
    void fortranDoublePrecisionExponentsAreRead() throws IOException {
        textout("Model NOT CONVERGED after 12 iterations (eps=1.2D-03)\r\n");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.NOT_CONVERGED);
        assertThat(outcome.details().epsFinal()).isEqualTo(1.2e-3);
        assertThat(outcome.details().globalIterations()).isEqualTo(12);
    }

    @Test
    void strictLineWithoutTrailingNewlineIsFinished() throws IOException {
        textout(" header\nModel CONVERGED in 7 iterations (eps=3.1E-06)");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.details()).isEqualTo(RunStatus.fromTextout("strict", 7, 3.1e-6));
        assertThat(outcome.warning()).isNull();
    }

    @Test
    void runStatusJsonIsPreferredOverTextout() throws IOException {
        textout("Model CONVERGED in 7 iterations (eps=3.1E-06)\n");
        statusJson("{\"converged\": \"relaxed\", \"global_iterations\": 9, \"eps_final\": 2.0e-4,"
                + " \"tsearch_flagged_shells\": 0, \"chem_relaxed_calls\": 3, \"deferred_iterations\": 1,"
                + " \"code_version\": \"r7\", \"git_hash\": \"abc\"}");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED_RELAXED);
        assertThat(outcome.details())
                .isEqualTo(new RunStatus("relaxed", 9, 2.0e-4, 0, 3, 1, "r7", "abc", "run_status.json"));
        assertThat(outcome.warning()).isNull();
    }

    @Test
    void flaggedShellsMakeEvenARelaxedModelFlagged() throws IOException {
        statusJson("{\"converged\": \"relaxed\", \"tsearch_flagged_shells\": 2}");

        assertThat(OutcomeClassifier.classify(EXIT_0, run).status()).isEqualTo(JobStatus.FLAGGED);
    }

    @Test
    void notConvergedWinsOverFlaggedShells() throws IOException {
        statusJson("{\"converged\": \"no\", \"tsearch_flagged_shells\": 2}");

        assertThat(OutcomeClassifier.classify(EXIT_0, run).status()).isEqualTo(JobStatus.NOT_CONVERGED);
    }

    @Test
    void malformedRunStatusJsonFallsBackToTextoutWithAWarning() throws IOException {
        textout("Model NOT CONVERGED after 3 iterations (eps=5.0E-02)\n");
        statusJson("{\"converged\": \"strict\", \"global_iterations\": ");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.NOT_CONVERGED);
        assertThat(outcome.details().source()).isEqualTo("TEXTOUT");
        assertThat(outcome.warning()).contains("run_status.json unreadable").contains("used TEXTOUT");
    }

    @Test
    void runStatusJsonWithAnUnknownConvergedValueFallsBackToTextout() throws IOException {
        textout("Model CONVERGED in 4 iterations (eps=1.0E-06)\n");
        statusJson("{\"converged\": \"maybe\"}");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.details().source()).isEqualTo("TEXTOUT");
        assertThat(outcome.warning()).contains("maybe");
    }

    @Test
    void noLineAndNoStatusFileIsFinishedWithAWarning() throws IOException {
        textout("   current shell #:   12 ***** current iteration step:    4\n end\n");

        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.warning()).isEqualTo("no convergence line in pdroutput/TEXTOUT");
    }

    @Test
    void missingTextoutIsFinishedWithAWarningNotAnError() {
        Outcome outcome = OutcomeClassifier.classify(EXIT_0, run);

        assertThat(outcome.status()).isEqualTo(JobStatus.FINISHED);
        assertThat(outcome.warning()).contains("TEXTOUT unreadable");
    }
}
