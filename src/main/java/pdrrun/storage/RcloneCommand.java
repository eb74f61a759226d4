package pdrrun.storage;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code rclone} binary, one process per call, each with a timeout after which the
 * process and its children are killed. Secrets reach the child only through its environment (and
 * {@link #obscure} through its stdin), never through its command line, which other users can read
 * in /proc. Output goes through temporary files so a chatty child can never block on a full pipe.
 * Thread-safe: calls share nothing but the immutable settings.
 */
final class RcloneCommand {
    /** What one call did. */
    record Result(
            List<String> arguments, int exitCode, String stdout, String stderr, boolean timedOut, Duration timeout) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    private final String binary;
    private final Map<String, String> environment;

    /**
     * @param binary the rclone executable ("rclone" = found on PATH)
     * @param environment added to the inherited environment of every child (remote definitions, secrets)
     */
    RcloneCommand(String binary, Map<String, String> environment) {
        this.binary = binary;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Runs {@code rclone <flags> <arguments>} quietly, with rclone's own retries off (the caller
     * retries) and its network timeouts no longer than {@code timeout}.
     *
     * @throws StorageException OTHER when rclone cannot be started (not installed?)
     */
    Result run(Duration timeout, String path, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(arguments);
        String seconds = Math.max(1, timeout.toSeconds()) + "s";
        command.addAll(List.of(
                "-q",
                "--ask-password=false",
                "--retries",
                "1",
                "--low-level-retries",
                "3",
                "--contimeout",
                seconds,
                "--timeout",
                seconds));
        return execute(command, null, timeout, path, arguments);
    }

    /** {@code rclone obscure -}: the secret goes through stdin, the result comes back on stdout. */
    String obscure(String secret, Duration timeout) {
        List<String> command = List.of(binary, "obscure", "-");
        Result result = execute(command, secret, timeout, "", List.of("obscure", "-"));
        if (!result.ok()) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    "",
                    "rclone obscure failed (exit " + result.exitCode() + "); the password was not used");
        }
        return result.stdout().strip();
    }

    private Result execute(List<String> command, String input, Duration timeout, String path, List<String> arguments) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("rclone-", ".out");
            err = Files.createTempFile("rclone-", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (input == null) {
                builder.redirectInput(new File("/dev/null"));
            }
            Process process = builder.start();
            if (input != null) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(
                    arguments,
                    finished ? process.exitValue() : -1,
                    Files.readString(out),
                    Files.readString(err),
                    !finished,
                    timeout);
        } catch (IOException e) {
            throw new StorageException(
                    StorageException.Kind.OTHER,
                    path,
                    "cannot run '" + binary + "' (is rclone installed?): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(StorageException.Kind.OTHER, path, "interrupted while running rclone", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray temporary file in java.io.tmpdir is harmless
            }
        }
    }
}
