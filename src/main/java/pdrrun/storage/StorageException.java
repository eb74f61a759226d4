package pdrrun.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Objects;

/**
 * A storage operation failed. Carries the storage path it concerned and a {@link Kind} that tells
 * callers whether trying again can help ({@link #retryable()}); the message always names the path
 * and what happened, and never contains secrets. IOExceptions are translated once, here, by {@link
 * #from(IOException, String, String)}.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as retrying and reporting are concerned. */
    public enum Kind {
        /** The file or folder does not exist. Never means "try again". */
        NOT_FOUND,
        /** Authentication or permission denied. Never means "absent". */
        PERMISSION,
        /** The device or quota is full. */
        NO_SPACE,
        /** A failure that another attempt may not repeat (an incomplete transfer, a lost link). */
        TRANSIENT,
        /** The relative storage path is malformed (absolute, {@code ..}, empty segment, backslash). */
        INVALID_PATH,
        /** Anything else. */
        OTHER
    }

    private final Kind kind;
    private final String path;

    /**
     * @param path the storage path (relative, or a local path or folder when no storage path
     *     applies); appended to the message when the message does not already name it
     */
    public StorageException(Kind kind, String path, String message, Throwable cause) {
        super(withPath(message, path), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.path = Objects.requireNonNull(path, "path");
    }

    public StorageException(Kind kind, String path, String message) {
        this(kind, path, message, null);
    }

    /**
     * Translates an I/O failure: {@link NoSuchFileException} is {@link Kind#NOT_FOUND}, {@link
     * AccessDeniedException} is {@link Kind#PERMISSION}, "No space left on device" anywhere in the
     * cause chain is {@link Kind#NO_SPACE}, everything else is {@link Kind#OTHER}.
     *
     * @param operation what was being done, naming the path ("store /tmp/x as grid/pdrgrid/y")
     */
    public static StorageException from(IOException error, String path, String operation) {
        Kind kind = kindOf(error);
        return new StorageException(kind, path, operation + " failed: " + reason(kind, error), error);
    }

    static Kind kindOf(IOException error) {
        if (error instanceof NoSuchFileException) {
            return Kind.NOT_FOUND;
        }
        if (error instanceof AccessDeniedException) {
            return Kind.PERMISSION;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return Kind.NO_SPACE;
            }
        }
        return Kind.OTHER;
    }

    private static String reason(Kind kind, IOException error) {
        return switch (kind) {
            case NOT_FOUND -> "no such file or folder: " + error.getMessage();
            case PERMISSION -> "permission denied: " + error.getMessage();
            case NO_SPACE -> "no space left on device (" + error.getMessage() + ")";
            default ->
                error.getMessage() == null
                        ? error.getClass().getSimpleName()
                        : error.getClass().getSimpleName() + ": " + error.getMessage();
        };
    }

    private static String withPath(String message, String path) {
        return path == null || message.contains(path) ? message : message + " [" + path + "]";
    }

    public Kind kind() {
        return kind;
    }

    /** The path the failed operation concerned. */
    public String path() {
        return path;
    }

    /** True only for {@link Kind#TRANSIENT}: another attempt may succeed. */
    public boolean retryable() {
        return kind == Kind.TRANSIENT;
    }
}
