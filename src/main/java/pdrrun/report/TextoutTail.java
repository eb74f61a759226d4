package pdrrun.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The last lines of a stored TEXTOUT. A gzipped copy ({@code storage.compress_files} makes
 * {@code TEXTOUT<job>.gz}) is streamed through; a plain file is read from its end only.
 */
public final class TextoutTail {
    private static final int WINDOW = 64 * 1024;

    private TextoutTail() {}

    /**
     * @param stored the path recorded in output_textout_file; its ".gz" sibling is tried too
     * @return the last {@code count} lines, or empty when neither file is readable
     */
    public static List<String> of(String stored, int count) {
        if (stored == null) {
            return List.of();
        }
        Path plain = Path.of(stored);
        Path gz = stored.endsWith(".gz") ? plain : Path.of(stored + ".gz");
        try {
            if (Files.isRegularFile(plain) && !stored.endsWith(".gz")) {
                return last(plainEnd(plain), count);
            }
            if (Files.isRegularFile(gz)) {
                ArrayDeque<String> lines = new ArrayDeque<>();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
                        BufferedReader reader =
                                new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.addLast(line);
                        if (lines.size() > count) {
                            lines.removeFirst();
                        }
                    }
                }
                return List.copyOf(lines);
            }
        } catch (IOException e) {
            return List.of("(cannot read " + stored + ": " + e.getMessage() + ")");
        }
        return List.of();
    }

    private static String plainEnd(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, raf.length() - WINDOW);
            byte[] bytes = new byte[(int) (raf.length() - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return from == 0 ? text : text.substring(text.indexOf('\n') + 1);
        }
    }

    private static List<String> last(String text, int count) {
        List<String> lines = Arrays.asList(text.split("\r?\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }
}
