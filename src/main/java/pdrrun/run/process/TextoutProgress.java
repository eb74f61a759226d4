package pdrrun.run.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Live progress of a running model from the end of its TEXTOUT, for {@code pdr-run status}: the
 * latest shell and iteration step, A_V and gas temperature. Reads only the last {@link #WINDOW}
 * bytes, so it costs the same for a 1 KB and a 1 GB log. Stateless and thread-safe.
 */
public final class TextoutProgress {
    /** How much of the end of the file is read. */
    public static final int WINDOW = 64 * 1024;

    private static final Pattern STEP =
            Pattern.compile("current shell #:\\s*(\\d+)\\s*\\*+\\s*current iteration step:\\s*(\\d+)");
    private static final Pattern AV = Pattern.compile("^\\s*AV\\s*=\\s*(" + FortranNumber.TOKEN + ")");
    private static final Pattern TGAS = Pattern.compile("^\\s*T\\(gas\\):\\s*(" + FortranNumber.TOKEN + ")");

    private TextoutProgress() {}

    /**
     * Progress as far as the log shows it; any field may be null when its line is not in the window.
     *
     * @param shell the latest shell number
     * @param iteration the latest global iteration step
     * @param av the latest visual extinction A_V (mag)
     * @param tgas the latest gas temperature (K)
     */
    public record Progress(Integer shell, Integer iteration, Double av, Double tgas) {}

    /**
     * @return the progress, or empty when the file is missing, unreadable or shows none of the
     *     lines (a run directory may vanish while status looks at it: that is not an error)
     */
    public static Optional<Progress> parse(Path textout) {
        List<String> lines;
        try {
            lines = lastLines(textout);
        } catch (IOException e) {
            return Optional.empty();
        }
        Integer shell = null;
        Integer iteration = null;
        Double av = null;
        Double tgas = null;
        for (int i = lines.size() - 1; i >= 0 && (iteration == null || av == null || tgas == null); i--) {
            String line = lines.get(i);
            Matcher m;
            if (iteration == null && (m = STEP.matcher(line)).find()) {
                shell = count(m.group(1));
                iteration = count(m.group(2));
            } else if (av == null && (m = AV.matcher(line)).find()) {
                av = FortranNumber.parse(m.group(1));
            } else if (tgas == null && (m = TGAS.matcher(line)).find()) {
                tgas = FortranNumber.parse(m.group(1));
            }
        }
        if (shell == null && iteration == null && av == null && tgas == null) {
            return Optional.empty();
        }
        return Optional.of(new Progress(shell, iteration, av, tgas));
    }

    /** The complete lines of the window: the first may be cut by it, the last still being written. */
    private static List<String> lastLines(Path textout) throws IOException {
        try (FileChannel ch = FileChannel.open(textout, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = Math.max(0, size - WINDOW);
            ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {}
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
            int start = from == 0 ? 0 : text.indexOf('\n') + 1;
            int end = text.lastIndexOf('\n');
            if (end < start) {
                return List.of();
            }
            return text.substring(start, end).lines().toList();
        }
    }

    private static Integer count(String digits) {
        return digits.length() > 9 ? null : Integer.valueOf(digits);
    }
}
