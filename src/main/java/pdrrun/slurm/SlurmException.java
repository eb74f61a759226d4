package pdrrun.slurm;

/** A SLURM client command is missing, failed or answered unexpectedly. */
public final class SlurmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlurmException(String message) {
        super(message);
    }
}
