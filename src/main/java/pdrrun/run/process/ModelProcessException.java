package pdrrun.run.process;

import java.nio.file.Path;

/**
 * A model process could not be started (missing {@code setsid}, unwritable log, missing working
 * directory). A process that starts and then fails is a {@link ProcessResult}, never this.
 */
public final class ModelProcessException extends RuntimeException {

    private final transient Path workDir;

    /**
     * @param invocation what was to be run
     * @param problem what went wrong, without the command
     * @param cause the underlying failure, or null
     */
    public ModelProcessException(Invocation invocation, String problem, Throwable cause) {
        super(invocation.programName() + " in " + invocation.workDir() + ": " + problem, cause);
        this.workDir = invocation.workDir();
    }

    /** The run directory concerned. */
    public Path workDir() {
        return workDir;
    }
}
