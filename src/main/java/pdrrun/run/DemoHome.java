package pdrrun.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * The bundled demo PDR home: small fake KOSMA-tau executables (bash scripts) and input folders,
 * extracted from the jar. A jar can neither list a folder nor keep exec bits, hence the MANIFEST
 * of files and the chmod.
 */
public final class DemoHome {
    private static final String ROOT = "/pdrrun/demo/home/";
    /** The chemical-rates file of the demo home. */
    public static final String CHEM_DATABASE = "chem_rates_demo.dat";

    private static final Set<String> EXECUTABLES = Set.of("pdrexe", "onionexe", "getctrlind", "mrt.exe");

    private DemoHome() {}

    /** Writes the demo home into {@code target} (created if needed) and returns it. */
    public static Path install(Path target) {
        try {
            for (String name : manifest()) {
                Path file = target.resolve(name);
                Files.createDirectories(file.getParent());
                try (InputStream in = resource(name)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                if (EXECUTABLES.contains(name)) {
                    file.toFile().setExecutable(true, false);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo PDR home into " + target, e);
        }
    }

    private static List<String> manifest() throws IOException {
        try (InputStream in = resource("MANIFEST")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoHome.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("missing from the build: " + ROOT + name);
        }
        return in;
    }
}
