package pdrrun.storage;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;

/**
 * Which outputs are gzipped on the way to storage ({@code storage.compress_files}): glob patterns
 * such as {@code TEXTOUT*} or {@code *.out}, matched against the file name only, with java.nio glob
 * syntax. Immutable and thread-safe.
 *
 * @param patterns the globs; checked when the policy is made
 */
public record CompressionPolicy(List<String> patterns) {

    public CompressionPolicy {
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
        for (String pattern : patterns) {
            if (pattern.isBlank() || pattern.contains("/")) {
                throw new IllegalArgumentException("storage.compress_files: '" + pattern
                        + "' must be a non-empty glob for a file name, without '/'");
            }
            matcher(pattern);
        }
    }

    /** Compress nothing. */
    public static CompressionPolicy none() {
        return new CompressionPolicy(List.of());
    }

    public static CompressionPolicy of(String... patterns) {
        return new CompressionPolicy(List.of(patterns));
    }

    /**
     * Whether {@code fileName} is to be gzipped; of a '/'-separated path only the last segment
     * counts.
     */
    public boolean matches(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return false;
        }
        Path path = Path.of(name);
        // Compiled per call: a record holds only its components, and a job has a dozen outputs.
        return patterns.stream().anyMatch(p -> matcher(p).matches(path));
    }

    private static PathMatcher matcher(String pattern) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "storage.compress_files: invalid glob '" + pattern + "': " + e.getMessage(), e);
        }
    }
}
