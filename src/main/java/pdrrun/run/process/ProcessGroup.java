package pdrrun.run.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process group of one model process. The model is started in a session of its own (by
 * pdr-launch, or {@code setsid}), which execs in place, so the started process leads its own
 * session and group: pgid == pid. Signals go to the whole group ({@code kill -TERM -- -<pgid>}), so a child the model started dies with it.
 * Descendants seen while the model ran are kept as a fallback for anything that left the group
 * (its own {@code setsid}); after the model's death they are re-parented and no longer findable.
 *
 * <p>Not thread-safe: one instance belongs to the one thread supervising its process.
 */
final class ProcessGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessGroup.class);
    private static final Duration KILL_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    // SIGKILL cannot be ignored, but a process in uninterruptible I/O (NFS) dies only when the I/O
    // returns: wait a while, then report rather than block the worker forever.
    private static final Duration AFTER_SIGKILL = Duration.ofSeconds(10);
    private static final long SETTLE_STEP_MS = 20;

    private final Process leader;
    private final long pgid;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private boolean interrupted;

    private final long started = System.nanoTime();

    ProcessGroup(Process leader) {
        this.leader = leader;
        this.pgid = leader.pid();
    }

    /** Remembers the current descendants; call while the leader is alive. */
    void noteDescendants() {
        // Pruned so a model that runs a short helper per iteration does not grow this for 30 h.
        seen.removeIf(h -> !ProcStat.running(h));
        leader.descendants().forEach(seen::add);
    }

    /**
     * Kills the group while its leader runs: SIGTERM, up to {@code grace} for everything to exit,
     * then SIGKILL to the group and to every descendant seen. Waits for the deaths. Not
     * interruptible (an abandoned model would run on for hours); an interrupt during it is kept in
     * the thread's interrupt status.
     */
    void terminate(Duration grace) {
        noteDescendants();
        stop(grace);
    }

    /** After the leader exited by itself: removes whatever it left running, if anything. */
    void removeLeftovers(Duration grace) {
        if (anythingLeft()) {
            LOG.info("{} exited and left processes running in its group; killing them", leader.pid());
            stop(grace);
        }
    }

    private void stop(Duration grace) {
        interrupted |= Thread.interrupted(); // a pending interrupt would cut the waits below short
        try {
            signalGroup("TERM");
            seen.stream().filter(this::outsideGroup).forEach(ProcessHandle::destroy);
            settle(grace);
            if (anythingLeft()) {
                signalGroup("KILL");
                seen.forEach(ProcessHandle::destroyForcibly);
                leader.destroyForcibly();
                settle(AFTER_SIGKILL);
                if (anythingLeft()) {
                    LOG.warn("processes of group {} survived SIGKILL: {}", pgid, leftovers());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to {@code limit} until nothing is left. */
    private void settle(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (anythingLeft() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(SETTLE_STEP_MS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    boolean anythingLeft() {
        return leader.isAlive()
                || !ProcStat.liveMembersOf(pgid, candidates()).isEmpty()
                || seen.stream().anyMatch(ProcStat::running);
    }

    /**
     * The pids that can be in the group: those allocated since the leader's, while that window is
     * known and young enough to be sound; null (every pid) otherwise.
     */
    private PidWindow candidates() {
        if (System.nanoTime() - started > PidWindow.SOUND_NANOS) {
            return null;
        }
        return PidWindow.since(pgid).orElse(null);
    }

    private List<Long> leftovers() {
        return ProcStat.liveMembersOf(pgid).stream().map(ProcStat::pid).toList();
    }

    private boolean outsideGroup(ProcessHandle h) {
        return ProcStat.of(h.pid()).map(s -> s.group() != pgid).orElse(false);
    }

    /**
     * Sends a signal to the group. A negative pid addresses the group whose id is our child's pid,
     * never the runner's own group: at worst (setsid not yet done) the group does not exist and
     * kill fails harmlessly; the per-process fallbacks above still apply.
     */
    private void signalGroup(String signal) {
        ProcessBuilder kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                .redirectInput(Redirect.from(ModelProcess.DEV_NULL))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD);
        boolean delivered = false;
        try {
            Process p = kill.start();
            delivered = waitUninterruptibly(p) && p.exitValue() == 0;
        } catch (IOException e) {
            LOG.warn("cannot run kill for group {}: {}", pgid, e.toString());
        }
        if (!delivered) {
            // No such group (already empty, or setsid not done yet) or no kill command.
            if (signal.equals("KILL")) {
                leader.destroyForcibly();
            } else {
                leader.destroy();
            }
        }
    }

    private boolean waitUninterruptibly(Process p) {
        long deadline = System.nanoTime() + KILL_COMMAND_TIMEOUT.toNanos();
        while (true) {
            try {
                if (p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                p.destroyForcibly();
                return false;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
