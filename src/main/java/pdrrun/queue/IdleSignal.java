package pdrrun.queue;

import java.util.concurrent.TimeUnit;

/**
 * Wakes a worker's idle slots when something they wait for may have happened: a slot finished a
 * job or left, or the worker is stopping. An idle slot otherwise re-polls the catalog only after
 * a pause, so without this the last slot to finish would wait out another slot's pause before the
 * run could end. A change between reading {@link #version()} and {@link #await} is never lost.
 * Thread-safe.
 */
final class IdleSignal {
    private long version; // guarded by this

    /** The current version; pass it to {@link #await}. */
    synchronized long version() {
        return version;
    }

    /** Records a change and wakes every waiting slot. */
    synchronized void changed() {
        version++;
        notifyAll();
    }

    /**
     * Waits until the version differs from {@code seen} or {@code millis} have passed. An
     * interrupt ends the wait early, with the thread's interrupt status kept.
     */
    synchronized void await(long seen, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
