package pdrrun.run.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How this JVM starts processes. Every job starts five or more (the model, then ONION per species,
 * each through pdr-launch, or setpriv and setsid): the default launch, posix_spawn of the JDK's jspawnhelper,
 * which then execs the program, costs one more exec per process than vfork (0.6 ms of 1.5 here).
 * Helpers named without a folder are looked up on the PATH once instead of by every exec (eight
 * failed execs per helper and launch with a nine-folder PATH). Stateless.
 */
public final class LaunchMechanism {
    static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private LaunchMechanism() {}

    /**
     * Chooses vfork on Linux, unless the JVM was told otherwise ({@code -D} of {@value #PROPERTY})
     * or is one where vfork is no longer offered (JDK 23 and later deprecate it). Call before the
     * first process is started: the JDK reads the choice once.
     */
    public static void preferVfork() {
        if (System.getProperty(PROPERTY) == null
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                && Runtime.version().feature() < 23) {
            System.setProperty(PROPERTY, "VFORK");
        }
    }

    /**
     * The absolute path of {@code program} on the PATH of {@code environment}, or {@code program}
     * itself when it names a folder or is not found there (the launch then reports it missing).
     */
    static String onPath(String program, Map<String, String> environment) {
        if (program.contains("/")) {
            return program;
        }
        String path = environment.getOrDefault("PATH", "");
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                // Absolute: a relative PATH entry would otherwise be looked up from the run directory.
                return candidate.toAbsolutePath().normalize().toString();
            }
        }
        return program;
    }
}
