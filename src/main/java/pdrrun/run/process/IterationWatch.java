package pdrrun.run.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a growing model log for the stall watchdog: has it shown {@code current iteration step:
 * N} with N >= 2? Each poll reads only the bytes appended since the last one; a line cut by the
 * poll is completed by the next. Not thread-safe: one supervising thread owns it.
 */
final class IterationWatch {
    static final Pattern STEP = Pattern.compile("current iteration step:\\s*(\\d+)");
    // An iteration line is short; a longer "line" is binary noise, cut so it cannot fill memory.
    private static final int MAX_LINE = 4096;
    private static final int CHUNK = 64 * 1024;

    private final Path log;
    private final StringBuilder line = new StringBuilder();
    private long offset;
    private boolean reached;

    /**
     * @param log the model's log file
     * @param offset where this run's output starts in it (the old size of an appended log)
     */
    IterationWatch(Path log, long offset) {
        this.log = log;
        this.offset = offset;
    }

    /** Whether iteration step 2 or later has been seen; stays true once it is. */
    boolean reached() {
        return reached;
    }

    /**
     * Reads what was appended since the last poll.
     *
     * @return {@link #reached()}
     * @throws IOException if the log cannot be read (a missing log is just nothing yet)
     */
    boolean poll() throws IOException {
        if (reached) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long size = ch.size();
            while (!reached && offset < size) {
                buf.clear();
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                offset += n;
                consume(buf.array(), n);
            }
        } catch (NoSuchFileException e) {
            return false;
        }
        // The unfinished last line counts too: more digits can only make its step larger.
        reached = reached || showsSecondStep(line);
        return reached;
    }

    private void consume(byte[] bytes, int n) {
        for (int i = 0; i < n && !reached; i++) {
            char c = (char) (bytes[i] & 0xff); // ISO-8859-1: the pattern is ASCII, any byte is one char
            if (c == '\n') {
                reached = showsSecondStep(line);
                line.setLength(0);
            } else if (line.length() < MAX_LINE) {
                line.append(c);
            }
        }
    }

    static boolean showsSecondStep(CharSequence text) {
        Matcher m = STEP.matcher(text);
        while (m.find()) {
            String digits = m.group(1);
            if (digits.length() > 9 || Integer.parseInt(digits) >= 2) {
                return true;
            }
        }
        return false;
    }
}
