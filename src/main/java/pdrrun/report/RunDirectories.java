package pdrrun.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the live TEXTOUT of a running job: in its recorded run directory, else in the scratch
 * folder, where a run directory is named {@code pdr-job<id>-<job name>-<random>}.
 */
final class RunDirectories {
    private RunDirectories() {}

    static Optional<Path> textout(String runDirectory, Path scratch, long jobId, String jobName) {
        if (runDirectory != null && !runDirectory.isBlank()) {
            Path file = Path.of(runDirectory).resolve("pdroutput/TEXTOUT");
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        if (scratch == null || !Files.isDirectory(scratch)) {
            return Optional.empty();
        }
        String prefix = "pdr-job" + jobId + "-" + jobName + "-";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                scratch, d -> d.getFileName().toString().startsWith(prefix))) {
            for (Path dir : dirs) {
                Path file = dir.resolve("pdroutput/TEXTOUT");
                if (Files.isRegularFile(file)) {
                    return Optional.of(file);
                }
            }
        } catch (IOException e) {
            // A scratch folder we may not list is just not reachable: no live progress.
        }
        return Optional.empty();
    }
}
