package pdrrun.job;

/** A job state change the transition table forbids. */
public class IllegalJobStateChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final JobStatus from;
    private final JobStatus to;

    public IllegalJobStateChangeException(JobStatus from, JobStatus to) {
        super("job state change " + from.dbName() + " -> " + to.dbName() + " is not allowed");
        this.from = from;
        this.to = to;
    }

    public JobStatus from() {
        return from;
    }

    public JobStatus to() {
        return to;
    }
}
