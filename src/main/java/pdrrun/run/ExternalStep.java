package pdrrun.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import pdrrun.run.process.Invocation;
import pdrrun.run.process.ModelProcess;
import pdrrun.run.process.ProcessLimits;
import pdrrun.run.process.ProcessResult;

/** Runs one configured post-processing step and stores its log and declared outputs. */
final class ExternalStep {
    private ExternalStep() {}

    /** @return null on success, else the postproc_error fragment ("SIMLINE: exited with code 3") */
    static String run(
            ModelProcess processes,
            PostprocessingStep step,
            Path dir,
            Map<String, String> env,
            ProcessLimits base,
            OutputStore store,
            StoragePaths paths)
            throws IOException, InterruptedException {
        Path log = dir.resolve(step.name() + ".log");
        ProcessResult result = processes.run(
                new Invocation(step.command(), dir, log, false, env),
                new ProcessLimits(step.timeout(), null, base.killGrace(), base.pollInterval()));
        store.storeIfPresent(log, paths.model() + "/postproc/" + step.name() + paths.job() + ".log");
        if (result.timedOut()) {
            return step.name() + ": killed after " + step.timeout().toSeconds() + " s";
        }
        if (!step.acceptedExitCodes().contains(result.exitCode())) {
            return step.name() + ": exited with code " + result.exitCode();
        }
        for (String output : step.outputs()) {
            Path file = dir.resolve(output);
            if (store.storeIfPresent(file, paths.model() + "/postproc/" + paths.job() + "_" + file.getFileName())
                    == null) {
                return step.name() + ": output " + output + " was not written";
            }
        }
        return null;
    }
}
