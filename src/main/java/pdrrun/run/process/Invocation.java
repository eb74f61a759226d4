package pdrrun.run.process;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: a command in a working directory, its stdout and stderr into one log file, with
 * extra environment variables on top of the runner's own. Immutable.
 *
 * @param command the program and its arguments; a relative program path ({@code ./pdrexe}) is
 *     found from the working directory
 * @param workDir the working directory (the job's run directory)
 * @param logFile the log; a relative path is taken from the working directory
 * @param appendLog append to an existing log (ONION's TEXTOUT) instead of truncating it
 * @param environment variables added to the inherited environment
 */
public record Invocation(
        List<String> command, Path workDir, Path logFile, boolean appendLog, Map<String, String> environment) {

    /** @throws IllegalArgumentException for an empty command */
    public Invocation {
        command = List.copyOf(command);
        Objects.requireNonNull(workDir, "workDir");
        logFile = workDir.resolve(Objects.requireNonNull(logFile, "logFile"));
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
    }

    /** Runs {@code command} in {@code workDir}, truncating {@code logFile}, no extra environment. */
    public static Invocation of(Path workDir, Path logFile, String... command) {
        return new Invocation(List.of(command), workDir, logFile, false, Map.of());
    }

    /** The same invocation appending to the log. */
    public Invocation appendingLog() {
        return new Invocation(command, workDir, logFile, true, environment);
    }

    /** The same invocation with {@code name=value} added to the environment. */
    public Invocation withEnv(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new Invocation(command, workDir, logFile, appendLog, env);
    }

    /** The program's name, for messages ({@code pdrexe} for {@code ./pdrexe}). */
    public String programName() {
        Path program = Path.of(command.get(0)).getFileName();
        return program == null ? command.get(0) : program.toString();
    }
}
