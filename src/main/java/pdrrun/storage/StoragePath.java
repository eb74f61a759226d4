package pdrrun.storage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A path relative to the storage root, '/'-separated, e.g. {@code
 * grid_a/pdrgrid/TEXTOUT100_30_-10_10_00}. Rejected with {@link StorageException.Kind#INVALID_PATH}:
 * empty, absolute, backslashes, NUL, empty segments (leading, trailing or doubled '/'), {@code .}
 * and {@code ..} segments, and names reserved for uploads in progress ({@code *.part}, {@code
 * *.part-<hex>}), so that no caller can read, write or see a half-written file. Immutable.
 */
public record StoragePath(String value) {
    private static final Pattern PART_NAME = Pattern.compile(".*\\.part(-[0-9a-f]+)?");

    public StoragePath {
        String problem = problem(value);
        if (problem != null) {
            throw new StorageException(
                    StorageException.Kind.INVALID_PATH,
                    String.valueOf(value),
                    "invalid storage path '" + value + "': " + problem);
        }
    }

    public static StoragePath of(String value) {
        return new StoragePath(value);
    }

    /** The '/'-separated segments, never empty. */
    public List<String> segments() {
        return List.of(value.split("/"));
    }

    /** The last segment. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** This path with {@code suffix} appended to the file name ({@code x} -> {@code x.gz}). */
    public StoragePath withSuffix(String suffix) {
        return new StoragePath(value + suffix);
    }

    /** True for the names of uploads in progress or left over by a crash. */
    static boolean isPartName(String fileName) {
        return PART_NAME.matcher(fileName).matches();
    }

    private static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "empty";
        }
        if (value.startsWith("/")) {
            return "must be relative to the storage root";
        }
        if (value.indexOf('\\') >= 0) {
            return "contains a backslash; use '/'";
        }
        if (value.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segments are not allowed";
            }
        }
        if (isPartName(value.substring(value.lastIndexOf('/') + 1))) {
            return "names ending in .part are reserved for uploads in progress";
        }
        return null;
    }
}
