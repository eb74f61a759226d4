package pdrrun.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The text of one template and where it came from: a user's file or a template shipped with pdr-run.
 * Templates are UTF-8 (the KOSMA-tau ones carry names such as Röllig); anything else is rejected
 * rather than guessed, because a mis-decoded byte would silently change the rendered input.
 *
 * @param name the file's path, or {@code built-in <file name>} for a shipped template; used in
 *     error messages and logs
 * @param text the template text
 */
public record TemplateSource(String name, String text) {

    /** File name of the shipped legacy-input template. */
    public static final String PDRNEW_INP = "PDRNEW.INP.template";
    /** File name of the shipped primary-input template. */
    public static final String PDR_CONFIG_JSON = "pdr_config.json.template";

    private static final String RESOURCE_DIRECTORY = "/pdrrun/templates/";

    public TemplateSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }

    /**
     * The user's template if a path is given, else the shipped one.
     *
     * @param userPath the user's template file, or null
     * @param shippedFileName {@link #PDRNEW_INP} or {@link #PDR_CONFIG_JSON}
     * @throws TemplateException as {@link #fromFile} and {@link #shipped}
     */
    public static TemplateSource userOrShipped(Path userPath, String shippedFileName) {
        return userPath != null ? fromFile(userPath) : shipped(shippedFileName);
    }

    /**
     * Reads a template file.
     *
     * @throws TemplateException naming the path if the file is missing, unreadable or not UTF-8
     */
    public static TemplateSource fromFile(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new TemplateException(name, "no such file");
        }
        try {
            return new TemplateSource(name, decode(name, Files.readAllBytes(path)));
        } catch (IOException e) {
            throw new TemplateException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a template shipped with pdr-run.
     *
     * @throws TemplateException if no template of that name is shipped
     */
    public static TemplateSource shipped(String fileName) {
        String name = "built-in " + fileName;
        try (InputStream in = TemplateSource.class.getResourceAsStream(RESOURCE_DIRECTORY + fileName)) {
            if (in == null) {
                throw new TemplateException(name, "no such template is shipped with pdr-run");
            }
            return new TemplateSource(name, decode(name, in.readAllBytes()));
        } catch (IOException e) {
            throw new TemplateException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * SHA-256 of the template's UTF-8 bytes, lowercase hex, as recorded in a job's
     * {@code template_sha256}. Equal to the file's own checksum, since only strictly valid UTF-8 is
     * accepted and that round-trips byte for byte.
     */
    public String sha256() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Name and size only: the text is thousands of characters and belongs in no log line. */
    @Override
    public String toString() {
        return "TemplateSource[" + name + ", " + text.length() + " chars]";
    }

    private static String decode(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TemplateException(name, "not UTF-8 text: " + e, e);
        }
    }
}
