package pdrrun.run.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import pdrrun.job.JobStatus;

/**
 * Turns a finished pdrexe run into a job state (SPEC section 9, "Outcome, not exit code"): pdrexe
 * exits 0 even when the model did not converge, so the exit code alone says little. Stateless and
 * thread-safe; never throws for what it finds (or does not find) in the run directory.
 */
public final class OutcomeClassifier {
    public static final String STRUCTURE = "pdroutput/pdrstruct_s.hdf5";
    public static final String STATUS_FILE = "pdroutput/run_status.json";
    public static final String TEXTOUT = "pdroutput/TEXTOUT";

    private OutcomeClassifier() {}

    /**
     * In order: wall-time cap -> timeout; stall watchdog -> stalled; non-zero exit -> aborted; no
     * structure file -> missing_output; then the convergence from run_status.json, else from the
     * last convergence line of TEXTOUT: not converged -> not_converged, flagged shells -> flagged,
     * relaxed -> finished_relaxed, strict -> finished; nothing at all -> finished with a warning.
     *
     * @param result how the pdrexe process ended
     * @param runDir the job's run directory
     */
    public static Outcome classify(ProcessResult result, Path runDir) {
        if (result.timedOut()) {
            return Outcome.failed(
                    JobStatus.TIMEOUT, "wall-time cap reached: killed after " + seconds(result.wallTime()));
        }
        if (result.stalled()) {
            return Outcome.failed(
                    JobStatus.STALLED,
                    "stall watchdog: no iteration step 2 in TEXTOUT, killed after " + seconds(result.wallTime()));
        }
        if (result.exitCode() != 0) {
            return Outcome.failed(JobStatus.ABORTED, exitReason(result.exitCode()));
        }
        if (!Files.isRegularFile(runDir.resolve(STRUCTURE))) {
            return Outcome.failed(JobStatus.MISSING_OUTPUT, "no " + STRUCTURE);
        }
        String statusProblem = null;
        try {
            Optional<RunStatus> fromFile = RunStatusFile.read(runDir.resolve(STATUS_FILE));
            if (fromFile.isPresent()) {
                return fromDetails(fromFile.get(), null);
            }
        } catch (RunStatusFile.Invalid e) {
            statusProblem = STATUS_FILE + " " + e.getMessage();
        }
        String fallback = statusProblem == null ? "" : statusProblem + "; ";
        try {
            Optional<RunStatus> fromLog = TextoutConvergence.lastIn(runDir.resolve(TEXTOUT));
            if (fromLog.isPresent()) {
                return fromDetails(fromLog.get(), statusProblem == null ? null : statusProblem + ", used TEXTOUT");
            }
            return new Outcome(
                    JobStatus.FINISHED, RunStatus.empty(), fallback + "no convergence line in " + TEXTOUT, null);
        } catch (IOException e) {
            return new Outcome(JobStatus.FINISHED, RunStatus.empty(), fallback + TEXTOUT + " unreadable: " + e, null);
        }
    }

    private static Outcome fromDetails(RunStatus details, String warning) {
        Integer flagged = details.tsearchFlaggedShells();
        if (RunStatus.NO.equals(details.converged())) {
            String iterations =
                    details.globalIterations() == null ? "" : " after " + details.globalIterations() + " iterations";
            String eps = details.epsFinal() == null ? "" : " (eps=" + details.epsFinal() + ")";
            return new Outcome(JobStatus.NOT_CONVERGED, details, warning, "model not converged" + iterations + eps);
        }
        if (flagged != null && flagged > 0) {
            String flagWarning = "temperature search flagged in " + flagged + " shell(s)";
            return new Outcome(
                    JobStatus.FLAGGED, details, warning == null ? flagWarning : warning + "; " + flagWarning, null);
        }
        JobStatus status =
                RunStatus.RELAXED.equals(details.converged()) ? JobStatus.FINISHED_RELAXED : JobStatus.FINISHED;
        return new Outcome(status, details, warning, null);
    }

    private static String exitReason(int exit) {
        if (exit == ProcessResult.UNKNOWN_EXIT) {
            return "pdrexe did not exit after SIGKILL";
        }
        if (exit > 128 && exit < 128 + 65) {
            return "pdrexe killed by signal " + (exit - 128) + " (exit code " + exit + ")";
        }
        if (exit == 126 || exit == 127) {
            return "pdrexe could not be executed (exit code " + exit + ", see TEXTOUT)";
        }
        return "pdrexe exited with code " + exit;
    }

    /** "30 s", or "0.3 s" below ten seconds where the tenth matters. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms >= 10_000 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
