package pdrrun.run.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The pids Linux allocated from {@code first} up to the last one it allocated, cyclically: pids
 * are handed out in increasing order and wrap around at {@code pid_max}. Every process that can be
 * in a model's process group was forked after the model (the group lives in the model's own
 * session, which only its descendants can join), so its pid is in the window that starts at the
 * model's pid. Looking only at those pids spares reading every other process's {@code stat} when
 * checking for leftovers. Only sound while the window cannot have wrapped past {@code first}
 * again, which needs {@code pid_max} forks: callers use it for short-lived processes only, within
 * {@link #SOUND_NANOS} of the window's start.
 */
record PidWindow(long first, long last) {
    /** Far below the time pid_max forks take, so a window this young cannot have wrapped around. */
    static final long SOUND_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final Path LAST_PID = Path.of("/proc/sys/kernel/ns_last_pid");
    private static final boolean SAME_NAMESPACE = procShowsOwnPid();
    // Up to this many pids are looked at one by one; a longer window lists /proc instead.
    private static final int FEW = 128;

    /**
     * The window from {@code first} to the last pid allocated now; empty when the kernel does not
     * tell (no such file, another pid namespace than /proc shows) or the answer is not consistent.
     */
    static Optional<PidWindow> since(long first) {
        OptionalLong last = lastAllocated();
        return last.isPresent() ? Optional.of(new PidWindow(first, last.getAsLong())) : Optional.empty();
    }

    /**
     * The pid Linux allocated last in this pid namespace; empty when it does not tell, or when
     * /proc shows another pid namespace than this JVM's (its pids would not be those numbers).
     */
    static OptionalLong lastAllocated() {
        if (!SAME_NAMESPACE) {
            return OptionalLong.empty();
        }
        // One read: the kernel answers a read at any offset but 0 with end of file, and
        // Files.readString, seeing a size of 0, reads one byte first and then got only the
        // number's first digit.
        try (FileChannel channel = FileChannel.open(LAST_PID, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int n = channel.read(buffer);
            long last = Long.parseLong(new String(buffer.array(), 0, Math.max(0, n), StandardCharsets.US_ASCII).trim());
            return last > 0 ? OptionalLong.of(last) : OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether /proc/self names this JVM's own pid: /proc is of this JVM's pid namespace. */
    private static boolean procShowsOwnPid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self"))
                    .toString()
                    .equals(Long.toString(ProcessHandle.current().pid()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    boolean contains(long pid) {
        return first <= last ? pid >= first && pid <= last : pid >= first || pid <= last;
    }

    /**
     * The window's pids when there are only a few and no wrap-around, so each can be looked up in
     * /proc directly instead of listing every process; empty otherwise.
     */
    Optional<LongStream> few() {
        return first <= last && last - first < FEW
                ? Optional.of(LongStream.rangeClosed(first, last))
                : Optional.empty();
    }
}
