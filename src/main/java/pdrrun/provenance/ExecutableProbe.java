package pdrrun.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pdrrun.config.ConfigException;

/**
 * Reads the provenance of an executable: its checksum and what it says to {@code --version}
 * (KOSMA-tau prints "Revision: r123" on one line and "Binary compiled the Feb 11 2025 at
 * 11:01:00" on the last). Stateless.
 */
public final class ExecutableProbe {
    private static final Pattern COMPILED = Pattern.compile(
            "compiled the\\s+([A-Z][a-z]{2})\\s+(\\d{1,2})\\s+(\\d{4})\\s+at\\s+(\\d{1,2}:\\d{2}:\\d{2})");
    private static final DateTimeFormatter COMPILED_FORMAT =
            DateTimeFormatter.ofPattern("MMM d yyyy H:mm:ss", Locale.ENGLISH);
    private static final long VERSION_TIMEOUT_SECONDS = 20;

    private ExecutableProbe() {}

    /**
     * Probes {@code folder/fileName}.
     *
     * @throws ConfigException when the file is missing or not executable (names the path)
     */
    public static Executable probe(Path folder, String fileName) {
        Path path = folder.resolve(fileName);
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(path + ": executable not found; set pdr.base_dir (or PDR_BASE_DIR / "
                    + "PDR_EXEC_PATH) to the PDR home, or the pdr.*_file_name keys to its executables");
        }
        if (!Files.isExecutable(path)) {
            throw new ConfigException(path + ": not executable; chmod +x it");
        }
        String output = versionOutput(path);
        return new Executable(fileName, folder, sha256(path), revision(output), compiled(output));
    }

    static String revision(String output) {
        for (String line : output.split("\\R")) {
            int at = line.indexOf("Revision:");
            if (at >= 0) {
                String value = line.substring(at + "Revision:".length()).strip();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    static LocalDateTime compiled(String output) {
        String[] lines = output.strip().split("\\R");
        Matcher m = COMPILED.matcher(lines[lines.length - 1]);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDateTime.parse(
                    m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4), COMPILED_FORMAT);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String versionOutput(Path path) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version")
                    .directory(path.getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] bytes = process.getInputStream().readNBytes(64 * 1024);
            if (!process.waitFor(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ConfigException(path + " --version did not answer within " + VERSION_TIMEOUT_SECONDS + " s");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot run it (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(path + " --version was interrupted");
        }
    }

    /** Lower-case hex sha256 of a file's bytes. */
    public static String sha256(Path path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read it (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
