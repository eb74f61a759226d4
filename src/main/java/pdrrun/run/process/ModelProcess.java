package pdrrun.run.process;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pdrrun.config.Secrets;
import pdrrun.storage.Folders;

/**
 * Runs a model executable (pdrexe, onionexe) as its own process group, under a wall-time cap and a
 * stall watchdog, and makes sure nothing it started outlives it. Linux only: it needs {@code kill}
 * (procps) on the PATH, reads {@code /proc}, and starts models through the native helper
 * pdr-launch or else {@code setpriv} and {@code setsid} (util-linux), which make the model die
 * with a runner killed by SIGKILL (see {@link ParentDeathSignal}, which also says what happens
 * without them).
 *
 * <p>Thread-safe: one instance may run many models in parallel threads; each run has its own
 * process group and state.
 */
public final class ModelProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ModelProcess.class);
    static final File DEV_NULL = new File("/dev/null");
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    // The names in this JVM's environment that hold secrets: a process starts with a copy of that
    // environment, which does not change while the JVM runs, so they are found once instead of
    // matching every name at every start (five or more per job).
    private static final Set<String> SECRET_NAMES =
            System.getenv().keySet().stream().filter(Secrets::isSecret).collect(Collectors.toUnmodifiableSet());

    private final Clock clock;
    private final ParentDeathSignal launch;

    /** @param clock gives the start and finish times recorded in the result */
    public ModelProcess(Clock clock) {
        this(clock, ParentDeathSignal.ofThisHost());
    }

    ModelProcess(Clock clock, ParentDeathSignal launch) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.launch = Objects.requireNonNull(launch, "launch");
    }

    /**
     * Runs the invocation to its end. The process gets stdin from /dev/null and its stdout and
     * stderr into the one log file, which it alone writes. It is started through pdr-launch (or
     * {@code setpriv --pdeathsig KILL setsid -w}), which execs in place, so its pid is its process
     * group and session id. The parent-death signal fires when the <em>thread</em> that started the process
     * ends (prctl(2)), not the JVM: this method starts the process on the calling thread and does
     * not return while it runs (except after a SIGKILL it survived, stuck in uninterruptible I/O),
     * so that thread outlives the model unless the JVM itself dies, which is when the signal should
     * fire. When a limit fires the
     * group gets SIGTERM, then SIGKILL after {@link ProcessLimits#killGrace()}. When the process
     * exits by itself, whatever it left in its group, or started elsewhere while we watched, is
     * killed the same way. Returns only when the process is gone.
     *
     * @return the exit code and which limit, if any, fired; a non-zero exit is a result
     * @throws ModelProcessException if the process cannot be started
     * @throws InterruptedException if the calling thread is interrupted while the model runs; the
     *     group is killed (SIGTERM, grace, SIGKILL) before this is thrown
     */
    public ProcessResult run(Invocation invocation, ProcessLimits limits) throws InterruptedException {
        long logStart = prepareLog(invocation);
        // pdr-launch sets the parent-death signal, calls setsid and execs the model. Without it,
        // setpriv does the first and execs setsid, which execs in place because the JVM's child is
        // never a group leader (-w only matters if it ever had to fork: it then waits and passes
        // the model's exit code on).
        List<String> command = new ArrayList<>(launch.prefix());
        command.addAll(invocation.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(invocation.workDir().toFile())
                .redirectInput(Redirect.from(DEV_NULL))
                .redirectErrorStream(true)
                .redirectOutput(
                        invocation.appendLog()
                                ? Redirect.appendTo(invocation.logFile().toFile())
                                : Redirect.to(invocation.logFile().toFile()));
        // A model never needs the runner's credentials: they do not reach its environment.
        builder.environment().keySet().removeAll(SECRET_NAMES);
        builder.environment().putAll(invocation.environment());

        Instant started = clock.instant();
        long t0 = System.nanoTime(); // limits on the monotonic clock: a wall-clock jump must not kill
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ModelProcessException(invocation, "cannot start: " + e.getMessage(), e);
        }
        ProcessGroup group = new ProcessGroup(process);
        IterationWatch watch =
                limits.stallFirstIteration() == null ? null : new IterationWatch(invocation.logFile(), logStart);
        boolean done = false;
        try {
            Limit fired = supervise(process, group, watch, limits, t0);
            Instant finished;
            if (fired == Limit.NONE) {
                finished = clock.instant();
                group.removeLeftovers(limits.killGrace());
            } else {
                LOG.warn(
                        "{} in {}: {} fired, killing its process group {}",
                        invocation.programName(),
                        invocation.workDir(),
                        fired,
                        process.pid());
                group.terminate(limits.killGrace());
                finished = clock.instant();
            }
            done = true;
            int exit = process.isAlive() ? ProcessResult.UNKNOWN_EXIT : process.exitValue();
            return new ProcessResult(exit, fired == Limit.WALL_TIME, fired == Limit.STALL, started, finished);
        } finally {
            if (!done) { // interrupted, or an unexpected error: never leave the model running
                group.terminate(limits.killGrace());
            }
        }
    }

    private enum Limit {
        NONE,
        WALL_TIME,
        STALL
    }

    private static Limit supervise(
            Process process, ProcessGroup group, IterationWatch watch, ProcessLimits limits, long t0)
            throws InterruptedException {
        long cap = nanos(limits.wallTime());
        long stall = nanos(limits.stallFirstIteration());
        long poll = limits.pollInterval().toNanos();
        long wait = Math.min(poll, Math.min(cap, stall));
        while (!process.waitFor(Math.max(MIN_WAIT_NANOS, wait), TimeUnit.NANOSECONDS)) {
            long elapsed = System.nanoTime() - t0;
            if (elapsed >= cap) {
                return Limit.WALL_TIME;
            }
            boolean watching = watch != null && !pollQuietly(watch);
            if (watching && elapsed >= stall) {
                return Limit.STALL;
            }
            group.noteDescendants();
            wait = Math.min(poll, cap - elapsed);
            if (watching) {
                wait = Math.min(wait, stall - elapsed);
            }
        }
        return Limit.NONE;
    }

    private static boolean pollQuietly(IterationWatch watch) {
        try {
            return watch.poll();
        } catch (IOException e) {
            // An unreadable log proves nothing: the watchdog then fires on time, as for silence.
            LOG.warn("cannot read the model log for the stall watchdog: {}", e.toString());
            return false;
        }
    }

    private static long nanos(Duration d) {
        return d == null ? Long.MAX_VALUE : d.toNanos();
    }

    /** Creates the log's folder; returns where this run's output will start in the log. */
    private static long prepareLog(Invocation invocation) {
        try {
            Folders.ensure(invocation.logFile().toAbsolutePath().getParent());
            return invocation.appendLog() && Files.exists(invocation.logFile()) ? Files.size(invocation.logFile()) : 0;
        } catch (IOException e) {
            throw new ModelProcessException(invocation, "cannot prepare log " + invocation.logFile(), e);
        }
    }
}
