package pdrrun.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.sftp.Response.StatusCode;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Translates sshj failures into {@link StorageException}s, once. A status the server answered
 * decides the kind (no such file, permission denied, no space); a failed login or an unaccepted
 * host key is PERMISSION and never retried; a lost or refused connection, a timeout or any other
 * I/O failure on the link is TRANSIENT. Local file-system failures keep their own kinds. Stateless.
 */
final class SftpErrors {
    private SftpErrors() {}

    /** An I/O failure reading the local source file while uploading; unwrapped by {@link #translate}. */
    static final class LocalReadException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static StorageException translate(IOException error, String path, String operation) {
        if (error instanceof LocalReadException local) {
            return StorageException.from((IOException) local.getCause(), path, operation);
        }
        if (error instanceof FileSystemException) {
            return StorageException.from(error, path, operation); // the local side of a transfer
        }
        if (error instanceof UserAuthException) {
            return new StorageException(
                    StorageException.Kind.PERMISSION,
                    path,
                    operation + " failed: SFTP authentication failed (wrong user, password or key); not retried",
                    error);
        }
        if (error instanceof SSHException ssh
                && ssh.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
            return new StorageException(
                    StorageException.Kind.PERMISSION,
                    path,
                    operation + " failed: the server's host key was not accepted (see known_hosts); not retried",
                    error);
        }
        StatusCode status = answeredStatus(error);
        StorageException.Kind kind = status == null ? StorageException.Kind.TRANSIENT : kindOf(status);
        String reason = switch (kind) {
            case NOT_FOUND -> "no such file or folder";
            case PERMISSION -> "permission denied by the SFTP server; not retried";
            case NO_SPACE -> "no space left on the SFTP server";
            case TRANSIENT -> "connection problem, worth retrying";
            default -> "SFTP error";
        };
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new StorageException(kind, path, operation + " failed: " + reason + " (" + detail + ")", error);
    }

    /** The status the server sent, or null when the failure was on the link (no answer). */
    static StatusCode answeredStatus(IOException error) {
        if (error instanceof SFTPException sftp) {
            StatusCode code = sftp.getStatusCode();
            if (code != null
                    && code != StatusCode.UNKNOWN
                    && code != StatusCode.NO_CONNECTION
                    && code != StatusCode.CONNECITON_LOST) {
                return code;
            }
        }
        return null;
    }

    static boolean isNotFound(IOException error) {
        StatusCode code = answeredStatus(error);
        return code == StatusCode.NO_SUCH_FILE || code == StatusCode.NO_SUCH_PATH;
    }

    private static StorageException.Kind kindOf(StatusCode code) {
        return switch (code) {
            case NO_SUCH_FILE, NO_SUCH_PATH -> StorageException.Kind.NOT_FOUND;
            case PERMISSION_DENIED, WRITE_PROTECT -> StorageException.Kind.PERMISSION;
            case NO_SPACE_ON_FILESYSTEM, QUOTA_EXCEEDED -> StorageException.Kind.NO_SPACE;
            default -> StorageException.Kind.OTHER;
        };
    }
}
