package pdrrun.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns a rendered {@code pdr_config.json}, which KOSMA-tau reads with comments, into strict JSON.
 * The original shipped files that were not valid JSON; checking every rendered file here finds a
 * broken template before a model is queued on it, not hours into a cluster job.
 *
 * <p>Leniency accepted, as KOSMA-tau accepts it: a {@code /} outside a string starts a comment to
 * the end of the line (so both {@code //} and the single-slash typo of the original template work),
 * and a comma before {@code }} or {@code ]} is dropped. Everything else must be strict JSON;
 * duplicate keys are errors, since KOSMA-tau would silently read only one of them.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonConfigText {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonConfigText() {}

    /**
     * Parses rendered, comment-carrying JSON text.
     *
     * @param templateName path or name of the template the text was rendered from, for messages
     * @param rendered the rendered text
     * @return the parsed tree
     * @throws TemplateException with line, column and reason if the text is not one JSON object once
     *     comments and trailing commas are removed
     */
    public static JsonNode parse(String templateName, String rendered) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(withoutCommentsAndTrailingCommas(rendered));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new TemplateException(
                    templateName, "rendered JSON is not valid" + where + ": " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            // an empty file parses as a missing node; KOSMA-tau needs one object
            throw new TemplateException(templateName, "rendered JSON is not one object but " + tree.getNodeType());
        }
        return tree;
    }

    /**
     * The rendered text as compact strict JSON.
     *
     * @throws TemplateException as {@link #parse}
     */
    public static String toStrictJson(String templateName, String rendered) {
        try {
            return STRICT.writeValueAsString(parse(templateName, rendered));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    /**
     * Removes comments and trailing commas outside string literals. Line breaks stay and a dropped
     * comma becomes a blank, so lines and columns in parser messages match the rendered file.
     */
    static String withoutCommentsAndTrailingCommas(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    out.append(text.charAt(++i));
                } else if (c == '"' || c == '\n') {
                    inString = false; // a raw line break is invalid JSON anyway; the parser says so
                }
            } else if (c == '/') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                if (c == '}' || c == ']') {
                    dropTrailingComma(out);
                }
                inString = c == '"';
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    private static void dropTrailingComma(StringBuilder out) {
        int last = out.length() - 1;
        while (last >= 0 && Character.isWhitespace(out.charAt(last))) {
            last--;
        }
        if (last >= 0 && out.charAt(last) == ',') {
            out.setCharAt(last, ' ');
        }
    }
}
