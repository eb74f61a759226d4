package pdrrun.run.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last convergence line of a model's TEXTOUT. A TEXTOUT can be hundreds of MB, and the line is
 * normally at its very end, so the file is scanned backwards in chunks until a line is found:
 * fast in the normal case, still correct when the line is far from the end. Stateless.
 */
final class TextoutConvergence {
    private static final String ITER = "\\s+(\\d+)\\s+iterations\\s*\\(\\s*";
    private static final String EPS = "\\s*=\\s*([^\\s,)]*)\\s*";
    private static final Pattern RELAXED =
            Pattern.compile("Model CONVERGED in" + ITER + "relaxed eps" + EPS + ",\\s*strict eps" + EPS + "\\)");
    private static final Pattern STRICT = Pattern.compile("Model CONVERGED in" + ITER + "eps" + EPS + "\\)");
    private static final Pattern NOT_CONVERGED =
            Pattern.compile("Model NOT CONVERGED after" + ITER + "eps" + EPS + "\\)");
    /** Every line above contains it; the scan looks for it before splitting lines. */
    private static final String KEY = "CONVERGED";

    static final int CHUNK = 1 << 20;
    // Convergence lines are short; the end of a longer line is not kept while scanning backwards.
    private static final int MAX_LINE = 64 * 1024;

    private TextoutConvergence() {}

    /**
     * @return the details told by the file's last convergence line, empty if it has none
     * @throws IOException if the file cannot be read (including when it does not exist)
     */
    static Optional<RunStatus> lastIn(Path textout) throws IOException {
        try (FileChannel ch = FileChannel.open(textout, StandardOpenOption.READ)) {
            long pos = ch.size();
            String after = ""; // start of the line that continues past pos (its end was read before)
            boolean overlong = false;
            while (pos > 0) {
                int n = (int) Math.min(CHUNK, pos);
                pos -= n;
                ByteBuffer buf = ByteBuffer.allocate(n);
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) > 0) {}
                // ISO-8859-1: one char per byte, any byte valid; the lines looked for are ASCII.
                String text = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1)
                        + (overlong ? "" : after);
                int firstBreak = text.indexOf('\n');
                // Before the first line break the line may begin in the previous chunk.
                int complete = pos == 0 ? 0 : (firstBreak < 0 ? text.length() : firstBreak + 1);
                Optional<RunStatus> found = lastMatch(text, complete);
                if (found.isPresent()) {
                    return found;
                }
                if (firstBreak >= 0) {
                    overlong = false;
                }
                after = text.substring(0, complete == 0 ? 0 : (firstBreak < 0 ? text.length() : firstBreak));
                if (after.length() > MAX_LINE) {
                    after = "";
                    overlong = true; // skip the rest of this line, it cannot be a convergence line
                }
            }
            return Optional.empty();
        }
    }

    /** The last convergence line in {@code text} from {@code from} on. */
    private static Optional<RunStatus> lastMatch(String text, int from) {
        int key = text.lastIndexOf(KEY);
        while (key >= from) {
            int start = text.lastIndexOf('\n', key) + 1;
            int end = text.indexOf('\n', key);
            Optional<RunStatus> status = parseLine(text.substring(start, end < 0 ? text.length() : end));
            if (status.isPresent()) {
                return status;
            }
            key = start == 0 ? -1 : text.lastIndexOf(KEY, start - 1);
        }
        return Optional.empty();
    }

    /** The details one line tells, if it is a convergence line. */
    static Optional<RunStatus> parseLine(String line) {
        Matcher m = RELAXED.matcher(line);
        if (m.find()) {
            return Optional.of(
                    RunStatus.fromTextout(RunStatus.RELAXED, count(m.group(1)), FortranNumber.parse(m.group(2))));
        }
        m = NOT_CONVERGED.matcher(line);
        if (m.find()) {
            return Optional.of(RunStatus.fromTextout(RunStatus.NO, count(m.group(1)), FortranNumber.parse(m.group(2))));
        }
        m = STRICT.matcher(line);
        if (m.find()) {
            return Optional.of(
                    RunStatus.fromTextout(RunStatus.STRICT, count(m.group(1)), FortranNumber.parse(m.group(2))));
        }
        return Optional.empty();
    }

    private static Integer count(String digits) {
        return digits.length() > 9 ? null : Integer.valueOf(digits);
    }
}
