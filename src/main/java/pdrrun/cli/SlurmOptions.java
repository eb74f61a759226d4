package pdrrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pdrrun.config.ConfigException;
import pdrrun.slurm.BatchScript;
import pdrrun.slurm.Sbatch;
import picocli.CommandLine.Option;

/**
 * {@code submit --slurm}: after registering the grid, writes an sbatch job array whose tasks run
 * {@code pdr-run worker} on the same configuration, and submits it. The tasks start pdr-run with
 * the command in environment variable PDR_RUN_COMMAND when set, else this installation's launcher.
 */
final class SlurmOptions {
    @Option(names = "--slurm", description = "Also submit workers to SLURM as a job array (sbatch).")
    boolean slurm;

    @Option(
            names = {"--array", "--nodes"},
            paramLabel = "N",
            description = "Array tasks (workers) (default 1).")
    int array = 1;

    @Option(names = "--workers-per-task", paramLabel = "W", description = "Worker slots per array task (default 1).")
    int workersPerTask = 1;

    @Option(names = "--time", paramLabel = "HH:MM:SS", description = "Time limit per array task.")
    String time;

    @Option(names = "--partition", paramLabel = "NAME", description = "SLURM partition.")
    String partition;

    @Option(names = "--account", paramLabel = "NAME", description = "SLURM account.")
    String account;

    @Option(names = "--mem", paramLabel = "SIZE", description = "Memory per array task, e.g. 4G.")
    String mem;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "CPUs per array task.")
    Integer cpusPerTask;

    @Option(names = "--sbatch-option", paramLabel = "OPT", description = "Further sbatch option (repeatable).")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--worker-idle-exit", paramLabel = "SECONDS", description = "Workers exit idle (default 60).")
    int idleExit = 60;

    @Option(names = "--script-only", paramLabel = "FILE", description = "Write the sbatch script here; do not submit.")
    Path scriptOnly;

    boolean requested() {
        return slurm || scriptOnly != null;
    }

    /** Writes the script and submits it (unless --script-only); prints what was done. */
    void submit(Path config, String model, PrintWriter out) {
        if (config == null) {
            throw new ConfigException("--slurm needs --config FILE: the array tasks' workers read it");
        }
        Map<String, String> env = GridOptions.environment;
        Path configFile = config.toAbsolutePath().normalize();
        Path dir = configFile.getParent().resolve("pdr-run-slurm");
        Path script = scriptOnly != null
                ? scriptOnly.toAbsolutePath()
                : dir.resolve(model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + System.currentTimeMillis() + ".sbatch");
        BatchScript batch;
        try {
            batch = new BatchScript(
                    "pdr-" + model,
                    array,
                    workerCommand(env),
                    configFile.toString(),
                    model,
                    workersPerTask,
                    idleExit,
                    time,
                    partition,
                    account,
                    mem,
                    cpusPerTask,
                    sbatchOptions,
                    dir.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--slurm: " + e.getMessage());
        }
        try {
            Files.createDirectories(dir);
            Files.createDirectories(script.getParent());
            Files.writeString(script, batch.render());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
        if (scriptOnly != null) {
            out.printf("sbatch script written to %s (not submitted)%n", script);
            return;
        }
        String jobId = new Sbatch(env, Duration.ofSeconds(60)).submit(script);
        out.printf("submitted to SLURM: job %s (%d array tasks, script %s)%n", jobId, array, script);
    }

    /** PDR_RUN_COMMAND, else the launcher next to this jar, else a java command line of this JVM's class path. */
    static String workerCommand(Map<String, String> env) {
        String given = env.get("PDR_RUN_COMMAND");
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String java = BatchScript.quote(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            Path code = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (code.toString().endsWith(".jar")) {
                Path launcher = code.toAbsolutePath().getParent().getParent().resolve("pdr-run");
                if (Files.isExecutable(launcher)) {
                    return BatchScript.quote(launcher.toString());
                }
                return java + " -jar " + BatchScript.quote(code.toAbsolutePath().toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the class path of this JVM
        }
        return java + " -cp " + BatchScript.quote(System.getProperty("java.class.path")) + " pdrrun.cli.Main";
    }
}
