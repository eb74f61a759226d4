package pdrrun.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies a failed rclone call from its exit code and stderr. Permission is checked first and
 * wins over everything else: an S3 "403 Forbidden" on a HEAD request can come with exit code 3 or
 * 4, and taking it for "absent" would recompute a stored 30-hour model. Then no space, then not
 * found (exit 3 "directory not found", 4 "object not found"), then transient (timeouts, resets,
 * refused connections, HTTP 5xx and 429, exit 5). The paths of the call are blanked out before
 * matching, so a file named {@code TEXTOUT403} is not a permission error. Stateless.
 */
final class RcloneErrors {
    private static final Pattern PERMISSION =
            Pattern.compile("\\b(401|403)\\b|forbidden|accessdenied|access denied|permission denied|unauthorized"
                    + "|signaturedoesnotmatch|invalidaccesskeyid|unable to authenticate|auth(entication)? failed");
    private static final Pattern NO_SPACE =
            Pattern.compile("no space left|quota ?exceeded|insufficient storage|\\b507\\b");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "directory not found|object not found|file not found|no such file|doesn't exist|does not exist|nosuchkey|nosuchbucket");
    private static final Pattern TRANSIENT = Pattern.compile(
            "time(d)? ?out|timeout|connection reset|connection refused|broken pipe|\\beof\\b|no route to host"
                    + "|\\b(429|500|502|503|504)\\b|internalerror|slowdown|service unavailable|too many requests"
                    + "|temporar(y|ily)|connection lost|network is unreachable|couldn't connect|failed to connect");
    private static final int MESSAGE_LIMIT = 600;

    private RcloneErrors() {}

    static StorageException.Kind kind(RcloneCommand.Result result) {
        if (result.timedOut()) {
            return StorageException.Kind.TRANSIENT;
        }
        String text = blankArguments(result).toLowerCase(Locale.ROOT);
        if (PERMISSION.matcher(text).find()) {
            return StorageException.Kind.PERMISSION;
        }
        if (NO_SPACE.matcher(text).find()) {
            return StorageException.Kind.NO_SPACE;
        }
        if (result.exitCode() == 3
                || result.exitCode() == 4
                || NOT_FOUND.matcher(text).find()) {
            return StorageException.Kind.NOT_FOUND;
        }
        if (result.exitCode() == 5 || TRANSIENT.matcher(text).find()) {
            return StorageException.Kind.TRANSIENT;
        }
        return StorageException.Kind.OTHER;
    }

    static StorageException failure(RcloneCommand.Result result, String path, String operation) {
        StorageException.Kind kind = kind(result);
        String what = result.timedOut()
                ? "rclone did not finish within " + result.timeout().toSeconds() + " s and was killed"
                : "rclone " + result.arguments().get(0) + " exited with " + result.exitCode();
        String advice = switch (kind) {
            case PERMISSION -> " (permission denied; not retried, and never taken as 'not stored')";
            case TRANSIENT -> " (transient, worth retrying)";
            default -> "";
        };
        return new StorageException(kind, path, operation + " failed: " + what + advice + ": " + tail(result.stderr()));
    }

    private static String blankArguments(RcloneCommand.Result result) {
        String text = result.stderr();
        for (String argument : result.arguments()) {
            if (argument.length() > 2 && !argument.startsWith("-")) {
                text = blank(text, argument);
                String name = argument.substring(Math.max(argument.lastIndexOf('/'), argument.lastIndexOf(':')) + 1);
                if (name.length() > 2) {
                    text = blank(text, name);
                }
            }
        }
        return text;
    }

    /** Replaces {@code word} where it stands alone, not inside a longer name ("out" in "timeout"). */
    private static String blank(String text, String word) {
        return text.replaceAll("(?<![\\w.-])" + Pattern.quote(word) + "(?![\\w.-])", "<path>");
    }

    private static String tail(String stderr) {
        String text = stderr.strip().replaceAll("\\s*\\n\\s*", " | ");
        return text.length() <= MESSAGE_LIMIT ? text : "..." + text.substring(text.length() - MESSAGE_LIMIT);
    }
}
