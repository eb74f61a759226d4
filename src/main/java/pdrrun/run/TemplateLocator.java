package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a template as the original does: an absolute path as given; a relative one in the working
 * folder, then in the PDR home's templates/ folder, then in the PDR home; the default file name
 * finally falls back to the template shipped with pdr-run. Stateless.
 */
public final class TemplateLocator {
    private TemplateLocator() {}

    /**
     * @param configured the configured file (pdr.*_template_file or --json-template), or null
     * @param defaultName the file name KOSMA-tau users know ({@link TemplateSource#PDR_CONFIG_JSON})
     * @return the template, or empty when a configured file was found nowhere (the list of places
     *     searched is in {@code searched})
     */
    public static Optional<TemplateSource> locate(
            String configured, String defaultName, PdrHome home, Path workDir, List<Path> searched) {
        String name = configured == null || configured.isBlank() ? defaultName : configured.strip();
        Path given = Path.of(name);
        List<Path> candidates = new ArrayList<>();
        if (given.isAbsolute()) {
            candidates.add(given);
        } else {
            candidates.add(workDir.resolve(given));
            candidates.add(home.baseDir().resolve("templates").resolve(given));
            candidates.add(home.baseDir().resolve(given));
        }
        for (Path candidate : candidates) {
            searched.add(candidate);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(TemplateSource.fromFile(candidate));
            }
        }
        if (given.getFileName().toString().equals(defaultName)) {
            return Optional.of(TemplateSource.shipped(defaultName));
        }
        return Optional.empty();
    }
}
