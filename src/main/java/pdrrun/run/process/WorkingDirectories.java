package pdrrun.run.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Which processes work in a folder, from Linux's {@code /proc}. Stateless. */
public final class WorkingDirectories {
    private WorkingDirectories() {}

    /**
     * A point in time before a job's first process, after which its processes get their pids:
     * {@link #anyIn(Path, Mark)} then looks at those pids only, instead of at every process's
     * working directory (a dozen instead of hundreds of links read per job).
     */
    public record Mark(OptionalLong lastPid, long nanos) {
        /** Whether the pids since are known and cannot have wrapped around yet. */
        private boolean sound() {
            return lastPid.isPresent() && System.nanoTime() - nanos <= PidWindow.SOUND_NANOS;
        }
    }

    /** Marks now: call before the job starts its first process. */
    public static Mark mark() {
        long nanos = System.nanoTime();
        return new Mark(PidWindow.lastAllocated(), nanos);
    }

    /**
     * Whether a process other than this JVM has its working directory in {@code folder} or below:
     * one a job started that left its process group (its own setsid) and outlived the job, or one
     * stuck in uninterruptible I/O that survived SIGKILL. False when there is no {@code /proc};
     * processes whose working directory this user may not read are not seen.
     */
    public static boolean anyIn(Path folder) {
        return anyIn(folder, null);
    }

    /**
     * As {@link #anyIn(Path)}, for processes started since {@code since} only (every process when
     * null or too long ago): those of a job marked before its first process.
     */
    public static boolean anyIn(Path folder, Mark since) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            return false;
        }
        long self = ProcessHandle.current().pid();
        PidWindow window = null;
        if (since != null && since.sound()) {
            OptionalLong last = PidWindow.lastAllocated();
            if (last.isPresent() && last.getAsLong() == since.lastPid().getAsLong()) {
                return false; // no process started since
            }
            if (last.isPresent()) {
                window = new PidWindow(since.lastPid().getAsLong() + 1, last.getAsLong());
            }
        }
        for (long pid : ProcStat.pids(window)) {
            if (pid != self && worksIn(ProcStat.PROC.resolve(Long.toString(pid)), real)) {
                return true;
            }
        }
        return false;
    }

    private static boolean worksIn(Path procEntry, Path folder) {
        try {
            return Files.readSymbolicLink(procEntry.resolve("cwd")).startsWith(folder);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // gone meanwhile, a zombie, or another user's
        }
    }
}
