package pdrrun.run.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a model is launched so that it dies with its runner and leads its own session: through the
 * native helper {@code pdr-launch} ({@link LaunchHelper}), which sets the parent-death signal,
 * calls setsid and execs the model, or else through {@code setpriv --pdeathsig KILL} (util-linux
 * 2.33 or later), which execs {@code setsid -w}, which execs the model. Either way everything execs
 * in place, so the started process is the model, and the signal survives execve (prctl(2): it is
 * cleared only for a fork's child and for set-user-ID, set-group-ID or file-capability binaries).
 * When the runner dies, even by SIGKILL, the kernel sends the model SIGKILL instead of leaving it
 * running as an orphan that writes into a run directory that another worker has meanwhile taken
 * over. The signal reaches the model process only: children the model forks do not inherit it
 * (prctl(2) clears it on fork), and those run on until they end. Nothing is killed later on
 * recovery: the worker that recovers the job is often on another host, and a pid or group id
 * recorded minutes earlier may belong to an unrelated process by then.
 *
 * <p>Where neither is there (a build without a C compiler, and busybox or util-linux before
 * 2.33), models are started with {@code setsid -w} alone, after one warning: everything works as
 * before except that a model outlives a runner that is killed with SIGKILL.
 *
 * <p>Thread-safe; the probe runs once per JVM.
 */
record ParentDeathSignal(List<String> prefix, String unavailableBecause) {
    private static final Logger LOG = LoggerFactory.getLogger(ParentDeathSignal.class);
    private static final List<String> SESSION = List.of(LaunchMechanism.onPath("setsid", System.getenv()), "-w");

    ParentDeathSignal {
        prefix = List.copyOf(prefix);
    }

    /** Whether models started with {@link #prefix()} get SIGKILL when their runner thread dies. */
    boolean available() {
        return unavailableBecause == null;
    }

    /** The launch of this JVM, probed on first use. */
    static ParentDeathSignal ofThisHost() {
        return Holder.PROBED;
    }

    private static final class Holder {
        static final ParentDeathSignal PROBED = probeThisHost();

        static {
            if (!PROBED.available()) {
                LOG.warn(
                        "models are started without a parent-death signal ({}): a model whose runner is"
                                + " killed with SIGKILL runs on as an orphan; build pdr-run where a C compiler (cc) is"
                                + " installed, or install util-linux 2.33 or later for setpriv --pdeathsig",
                        PROBED.unavailableBecause());
            }
        }
    }

    /**
     * The native helper if it can be installed and runs here (an installed copy that does not, say
     * one a crash left incomplete, is installed again once), else {@link #probe(String)}.
     */
    private static ParentDeathSignal probeThisHost() {
        ClassLoader loader = ParentDeathSignal.class.getClassLoader();
        String folder = LaunchHelper.resourceFolder();
        if (loader.getResource(folder + "/" + LaunchHelper.NAME) == null) {
            LOG.debug("this build has no {} for {}", LaunchHelper.NAME, folder); // built without cc
        } else {
            try {
                Path cache = LaunchHelper.cacheFolder(System.getenv());
                ParentDeathSignal probed = probeHelper(LaunchHelper.install(loader, folder, cache));
                if (!probed.available()) {
                    probed = probeHelper(LaunchHelper.reinstall(loader, folder, cache));
                }
                if (probed.available()) {
                    return probed;
                }
                LOG.info(
                        "{} not used, models start through setpriv: {}",
                        LaunchHelper.NAME,
                        probed.unavailableBecause());
            } catch (IOException | RuntimeException e) {
                LOG.info("{} not used, models start through setpriv: {}", LaunchHelper.NAME, e.getMessage());
            }
        }
        return probe(LaunchMechanism.onPath("setpriv", System.getenv()));
    }

    /**
     * Starts {@code true} through {@code helper}; the launch through it, {@code helper RUNNER_PID
     * PROGRAM...}, when that works, else an unavailable launch saying why.
     */
    static ParentDeathSignal probeHelper(Path helper) {
        String runner = Long.toString(ProcessHandle.current().pid());
        ProcessBuilder pb = new ProcessBuilder(helper.toString(), runner, "true")
                .redirectInput(Redirect.from(ModelProcess.DEV_NULL))
                .redirectErrorStream(true);
        String failure;
        String answer = "";
        try {
            Process p = pb.start();
            if (!waitUninterruptibly(p)) {
                p.destroyForcibly();
                failure = helper + " " + runner + " true did not end within 10 s";
            } else if (p.exitValue() != 0) {
                answer = firstLine(p);
                failure = helper + " " + runner + " true failed (exit " + p.exitValue() + ")"
                        + (answer.isEmpty() ? "" : ": " + answer);
            } else {
                return new ParentDeathSignal(List.of(helper.toString(), runner), null);
            }
        } catch (IOException e) {
            failure = helper + " cannot run (" + e.getMessage() + ")";
        }
        return new ParentDeathSignal(SESSION, failure);
    }

    /** Tries {@code setpriv --pdeathsig KILL true}; the launch to use given its answer. */
    static ParentDeathSignal probe(String setpriv) {
        ProcessBuilder pb = new ProcessBuilder(setpriv, "--pdeathsig", "KILL", "true")
                .redirectInput(Redirect.from(ModelProcess.DEV_NULL))
                .redirectOutput(Redirect.DISCARD);
        String failure;
        try {
            Process p = pb.start();
            if (!waitUninterruptibly(p)) {
                p.destroyForcibly();
                failure = setpriv + " --pdeathsig did not answer within 10 s";
            } else if (p.exitValue() != 0) {
                // Read after the exit: a few lines, already in the pipe.
                String error = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                failure = setpriv + " --pdeathsig failed (exit " + p.exitValue() + ")"
                        + (error.isEmpty()
                                ? ""
                                : ": " + error.lines().findFirst().orElse(""));
            } else {
                return new ParentDeathSignal(
                        List.of(setpriv, "--pdeathsig", "KILL", SESSION.get(0), SESSION.get(1)), null);
            }
        } catch (IOException e) {
            failure = setpriv + " not found (" + e.getMessage() + ")";
        }
        return new ParentDeathSignal(SESSION, failure);
    }

    /** The first line a process that exited wrote (a few bytes, already in the pipe). */
    private static String firstLine(Process p) throws IOException {
        String answer =
                new String(p.getInputStream().readNBytes(p.getInputStream().available()), StandardCharsets.UTF_8);
        return answer.lines().findFirst().orElse("").strip();
    }

    /** The answer is kept for the JVM's life: an interrupt must not turn it into a false "no". */
    private static boolean waitUninterruptibly(Process p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
