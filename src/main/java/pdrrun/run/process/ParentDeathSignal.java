package pdrrun.run.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a model is launched so that it dies with its runner: {@code setpriv --pdeathsig KILL}
 * (util-linux 2.33 or later) sets the parent-death signal and execs {@code setsid -w}, which execs
 * the model. Both exec in place, so the started process is the model, and the signal survives
 * execve (prctl(2): it is cleared only for a fork's child and for set-user-ID, set-group-ID or
 * file-capability binaries). When the runner dies, even by SIGKILL, the kernel sends the model
 * SIGKILL instead of leaving it running as an orphan that writes into a run directory that
 * another worker has meanwhile taken over. The signal reaches the model process only: children the
 * model forks do not inherit it (prctl(2) clears it on fork), and those run on until they end.
 * Nothing is killed later on recovery: the worker that recovers the job is often on another host,
 * and a pid or group id recorded minutes earlier may belong to an unrelated process by then.
 *
 * <p>Where setpriv is missing or too old (busybox, util-linux before 2.33), models are started
 * with {@code setsid -w} alone, after one warning: everything works as before except that a model
 * outlives a runner that is killed with SIGKILL.
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
        static final ParentDeathSignal PROBED = probe(LaunchMechanism.onPath("setpriv", System.getenv()));

        static {
            if (!PROBED.available()) {
                LOG.warn(
                        "models are started without a parent-death signal ({}): a model whose runner is"
                                + " killed with SIGKILL runs on as an orphan; install util-linux 2.33 or later"
                                + " for setpriv --pdeathsig",
                        PROBED.unavailableBecause());
            }
        }
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
