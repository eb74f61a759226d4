package pdrrun.report;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Free space of the file system a folder (or its nearest existing parent) lives on. */
final class DiskSpace {
    /** Below this much free space, or below {@link #LOW_FRACTION} of the disk, status alerts. */
    static final long LOW_BYTES = 1L << 30;

    static final double LOW_FRACTION = 0.05;

    private DiskSpace() {}

    /** @return an alert text when the disk holding {@code folder} is low, empty otherwise */
    static Optional<String> lowSpace(Path folder) {
        return lowSpace(folder, LOW_BYTES, LOW_FRACTION);
    }

    /**
     * @return an alert text when the disk holding {@code folder} has less than {@code lowBytes} or
     *     less than {@code lowFraction} of its size free, empty otherwise
     */
    static Optional<String> lowSpace(Path folder, long lowBytes, double lowFraction) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(existing);
            long free = store.getUsableSpace();
            long total = store.getTotalSpace();
            if (total > 0 && (free < lowBytes || free < lowFraction * total)) {
                return Optional.of(String.format(
                        "low disk on the storage folder %s: %.2f GiB free of %.2f GiB (%.1f %%)",
                        folder, free / (double) (1L << 30), total / (double) (1L << 30), 100.0 * free / total));
            }
        } catch (IOException e) {
            return Optional.of("cannot read the free space of " + existing + ": " + e.getMessage());
        }
        return Optional.empty();
    }
}
