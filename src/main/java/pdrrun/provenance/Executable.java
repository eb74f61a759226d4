package pdrrun.provenance;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Provenance of one KOSMA-tau executable: what the catalog records once per distinct binary.
 *
 * @param fileName name inside the PDR home ("pdrexe")
 * @param folder the folder holding it
 * @param sha256 checksum of the binary's bytes
 * @param revision text after "Revision:" in its --version output, or null
 * @param compiled compilation time from the last line of --version, or null
 */
public record Executable(String fileName, Path folder, String sha256, String revision, LocalDateTime compiled) {
    public Executable {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sha256, "sha256");
    }

    public Path path() {
        return folder.resolve(fileName);
    }

    /** A revision with "dirty" in it was built from uncommitted sources. */
    public boolean dirty() {
        return revision != null && revision.contains("dirty");
    }
}
