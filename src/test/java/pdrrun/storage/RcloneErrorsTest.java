package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classification of rclone failures from exit code and stderr, with messages as rclone prints them. */
class RcloneErrorsTest {
    private static RcloneCommand.Result failed(int exit, String stderr) {
        return new RcloneCommand.Result(
                List.of("lsjson", "--stat", "s3:bucket/g/pdrgrid/TEXTOUT403_x-403.out"),
                exit,
                "",
                stderr,
                false,
                Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // a 403 must never be read as "absent", whatever the exit code
                "3 | Failed to lsjson: AccessDenied: Access Denied\tstatus code: 403, request id: 1 | PERMISSION",
                "4 | ERROR : x: Failed to copy: Forbidden: 403 Forbidden | PERMISSION",
                "1 | Failed to create file system for \"TS:/st/forbidden\": stat failed: permission denied | PERMISSION",
                "1 | Failed to create file system: NewFs: couldn't connect SSH: ssh: handshake failed: ssh: unable to authenticate, attempted methods [none password] | PERMISSION",
                "3 | Failed to lsjson: directory not found | NOT_FOUND",
                "4 | ERROR : g/x: Failed to copy: object not found | NOT_FOUND",
                "1 | Failed to deletefile: TL:/tmp/x is a directory or doesn't exist | NOT_FOUND",
                "1 | Failed to moveto: remove /data/g/x: no such file or directory | NOT_FOUND",
                // a file name that contains 403 is not a permission error
                "3 | ERROR : TEXTOUT403_x-403.out: error listing: directory not found | NOT_FOUND",
                "1 | couldn't connect SSH: dial tcp 127.0.0.1:2222: connect: connection refused | TRANSIENT",
                "1 | Failed to copy: read tcp 1.2.3.4:5->6.7.8.9:443: read: connection reset by peer | TRANSIENT",
                "1 | Failed to copy: ServiceUnavailable: Service Unavailable status code: 503 | TRANSIENT",
                "5 | Failed to copy: something odd | TRANSIENT",
                "1 | Failed to copy: write /data/x: no space left on device | NO_SPACE",
                "2 | Failed to copy: unsupported feature | OTHER"
            })
    void failuresAreClassifiedPermissionFirst(int exit, String stderr, StorageException.Kind expected) {
        assertThat(RcloneErrors.kind(failed(exit, stderr))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"true, TRANSIENT"})
    void aCallThatTimedOutIsTransientAndSaysSo(boolean timedOut, StorageException.Kind expected) {
        RcloneCommand.Result result =
                new RcloneCommand.Result(List.of("copyto", "a", "b"), -1, "", "", timedOut, Duration.ofSeconds(7));
        StorageException e = RcloneErrors.failure(result, "g/a", "storing a as g/a");
        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("storing a as g/a", "within 7 s", "killed");
    }
}
