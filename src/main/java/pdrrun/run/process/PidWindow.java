package pdrrun.run.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pids Linux allocated from {@code first} up to the last one it allocated, cyclically: pids
 * are handed out in increasing order and wrap around at {@code pid_max}. Every process that can be
 * in a model's process group was forked after the model (the group lives in the model's own
 * session, which only its descendants can join), so its pid is in the window that starts at the
 * model's pid. Looking only at those pids spares reading every other process's {@code stat} when
 * checking for leftovers. Only sound while the window cannot have wrapped past {@code first}
 * again, which needs {@code pid_max} forks: callers use it for short-lived processes only.
 */
record PidWindow(long first, long last) {
    private static final Path LAST_PID = Path.of("/proc/sys/kernel/ns_last_pid");

    /**
     * The window from {@code first} to the last pid allocated now; empty when the kernel does not
     * tell (no such file, another pid namespace than /proc shows) or the answer is not consistent.
     */
    static Optional<PidWindow> since(long first) {
        try {
            long last = Long.parseLong(Files.readString(LAST_PID).trim());
            return last > 0 ? Optional.of(new PidWindow(first, last)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    boolean contains(long pid) {
        return first <= last ? pid >= first && pid <= last : pid >= first || pid <= last;
    }
}
