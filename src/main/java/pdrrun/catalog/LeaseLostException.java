package pdrrun.catalog;

/**
 * A worker's result came for a job it no longer holds: the job was released ({@code cancel}) or
 * recovered after its lease expired while the worker ran it. The result is not recorded, so a
 * released or recovered job is never overwritten by the run it was taken from.
 */
public class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long jobId;

    public LeaseLostException(long jobId, String owner) {
        super("job " + jobId + " is no longer leased by " + owner + " (released or recovered while it ran)");
        this.jobId = jobId;
    }

    public long jobId() {
        return jobId;
    }

    /** True when {@code error} or one of its causes is a lost lease. */
    public static boolean causes(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof LeaseLostException) {
                return true;
            }
        }
        return false;
    }
}
