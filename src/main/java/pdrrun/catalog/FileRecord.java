package pdrrun.catalog;

import java.time.LocalDateTime;
import java.util.Objects;

/** A stored file as the catalog records it (hdf_files, json_files). */
public record FileRecord(
        String fileName, String fullPath, String folder, long size, String sha256, LocalDateTime modified) {
    public FileRecord {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(fullPath, "fullPath");
    }
}
