package pdrrun.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the SLURM client commands pdr-run needs ({@code sbatch --parsable}, {@code scancel}) with a
 * timeout, in a given environment (which sbatch exports to the tasks).
 */
public final class Sbatch {
    private static final Pattern JOB_ID = Pattern.compile("^(\\d+)(?:;\\S+)?$");

    private final Map<String, String> environment;
    private final Duration timeout;

    /** Commands run with exactly {@code environment} and are killed after {@code timeout}. */
    public Sbatch(Map<String, String> environment, Duration timeout) {
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    /** Submits {@code script} and returns the cluster job id. */
    public String submit(Path script) {
        String out = run(List.of("sbatch", "--parsable", script.toAbsolutePath().toString()));
        return parseJobId(out);
    }

    /** Cancels cluster jobs (ids like {@code 123} or {@code 123_4}); nothing to do for none. */
    public void cancel(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(ids);
        run(command);
    }

    /** The job id in {@code sbatch --parsable} output ({@code id} or {@code id;cluster}). */
    public static String parseJobId(String output) {
        String last = "";
        for (String line : output.strip().split("\\R")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        Matcher m = JOB_ID.matcher(last);
        if (!m.matches()) {
            throw new SlurmException("sbatch printed no job id: '" + output.strip() + "'");
        }
        return m.group(1);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("");
            }
        });
        t.setDaemon(true);
        t.start();
        return text;
    }

    /** Runs a command; its standard output, or a SlurmException naming what went wrong. */
    String run(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SlurmException(
                    command.get(0) + " not found or not runnable (" + e.getMessage()
                            + "): is this a SLURM cluster's login node? Install the SLURM client commands or use --script-only");
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<String> outText = drain(p.getInputStream());
            CompletableFuture<String> errText = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SlurmException(command.get(0) + " did not answer within " + timeout.toMillis() + " ms");
            }
            String text = outText.get(5, TimeUnit.SECONDS);
            String error = errText.get(5, TimeUnit.SECONDS).strip();
            if (p.exitValue() != 0) {
                throw new SlurmException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")"
                        + (error.isEmpty() ? "" : ": " + error));
            }
            return text;
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            throw new SlurmException(command.get(0) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlurmException(command.get(0) + " interrupted");
        }
    }
}
