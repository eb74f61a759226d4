package pdrrun.cli;

/** Exit codes of every command. */
final class ExitCodes {
    /** Every job succeeded or was skipped. */
    static final int OK = 0;
    /** Some job or its post-processing failed. */
    static final int JOBS_FAILED = 1;
    /** The run itself failed: bad configuration or input, nothing ran. */
    static final int RUN_FAILED = 2;

    private ExitCodes() {}
}
