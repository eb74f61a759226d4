package pdrrun.catalog;

/**
 * A worker's result came for a job it no longer holds: the job was released ({@code cancel}),
 * recovered after its lease expired (pending again, or lost) or recorded by another process while
 * the worker ran it. The result is not recorded, so such a job is never overwritten by the run it
 * was taken from.
 */
public class LeaseLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long jobId;

    public LeaseLostException(long jobId, String owner) {
        super("job " + jobId + " is no longer leased by " + owner
                + " (released, recovered or recorded by another while it ran)");
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
