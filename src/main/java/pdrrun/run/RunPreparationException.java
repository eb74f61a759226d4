package pdrrun.run;

/** A job's run could not be prepared (missing input, template problem); the message names it. */
public class RunPreparationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunPreparationException(String message) {
        super(message);
    }

    public RunPreparationException(String message, Throwable cause) {
        super(message, cause);
    }
}
