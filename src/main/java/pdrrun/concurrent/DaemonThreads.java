package pdrrun.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with names that say what they do ("pdr-fsync-3"), for the executors and helper
 * threads of a run: none of them may keep the JVM alive once the command is done. Stateless.
 */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A daemon thread named {@code name}, not started. */
    public static Thread of(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Makes daemon threads all named {@code name}. */
    public static ThreadFactory named(String name) {
        return task -> of(task, name);
    }

    /** Makes daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> of(task, prefix + "-" + count.incrementAndGet());
    }
}
