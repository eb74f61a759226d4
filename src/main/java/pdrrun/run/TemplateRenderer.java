package pdrrun.run;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import pdrrun.grid.ParameterColumn;
import pdrrun.grid.ParameterColumns;

/**
 * Fills a KOSMA-tau input template ({@code PDRNEW.INP} or {@code pdr_config.json}) with one model's
 * parameter values. A placeholder is {@code KT_VAR<column>_}, the column name case-sensitive and
 * ended by the underscore, or {@code KT_VARCHEM_DATABASE_FILE_} for the chemical-rates file name.
 * Numbers are written by {@link ValueFormat} according to the column's kind, so a REAL column is
 * written as a real even when an integer box arrives.
 *
 * <p>Stateless and thread-safe; the template is scanned once with one shared compiled pattern.
 */
public final class TemplateRenderer {

    /** Which input a template produces; they differ in how {@code species} and {@code grid} are written. */
    public enum Flavour {
        /** Legacy input: one {@code SPECIES  <name>} card per species, {@code *MODEL GRID} or nothing. */
        PDRNEW_INP,
        /** Primary input: species as a JSON array of strings, grid as {@code true} or {@code false}. */
        JSON
    }

    /** The placeholder name (after {@code KT_VAR}) that stands for the chemical-rates file name. */
    public static final String CHEM_DATABASE_FILE = "CHEM_DATABASE_FILE";

    private static final String SPECIES = "species";
    private static final String GRID = "grid";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PLACEHOLDER = placeholderPattern();

    private TemplateRenderer() {}

    private static Pattern placeholderPattern() {
        List<String> names = new ArrayList<>();
        ParameterColumns.ALL.forEach(column -> names.add(column.name()));
        names.add(CHEM_DATABASE_FILE);
        return placeholderPattern(names);
    }

    /** The placeholder pattern for these names; package-private so tests can try awkward names. */
    static Pattern placeholderPattern(Collection<String> names) {
        List<String> longestFirst = new ArrayList<>(names);
        // An alternation takes the first name that lets the match succeed, so a name that is another's
        // prefix up to an underscore ("h2" in "KT_VARh2_h_") must be tried after the longer one.
        longestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        String known = longestFirst.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        // Group 1 holds a known name; the other branch catches whatever else looks like a placeholder,
        // so leftovers are found in the same pass and never confused with text inside a value.
        return Pattern.compile("KT_VAR(?:(" + known + ")_|[A-Za-z0-9_]*)");
    }

    /**
     * Renders one template for one model.
     *
     * @param templateName path or name of the template, used in error messages
     * @param template the template text
     * @param flavour the input the template produces
     * @param values column name to value ({@link Double}, {@link Long} or {@link String}) for the
     *     columns of {@link ParameterColumns#ALL}; keys that are no column are ignored
     * @param chemicalDatabaseFile the chemical-rates file name
     * @return the rendered text
     * @throws TemplateException if placeholders name no column (all are listed with their lines), or
     *     a placeholder's column has no value or a value that does not fit the column's kind
     */
    public static String render(
            String templateName, String template, Flavour flavour, Map<String, ?> values, String chemicalDatabaseFile) {
        Objects.requireNonNull(templateName, "templateName");
        Objects.requireNonNull(flavour, "flavour");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(chemicalDatabaseFile, "chemicalDatabaseFile");
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 4096);
        List<String> leftovers = new ArrayList<>();
        int copiedUpTo = 0;
        int line = 1;
        int lineCountedUpTo = 0;
        while (matcher.find()) {
            out.append(template, copiedUpTo, matcher.start());
            String name = matcher.group(1);
            if (name == null) {
                line += newlines(template, lineCountedUpTo, matcher.start());
                lineCountedUpTo = matcher.start();
                leftovers.add(matcher.group() + " (line " + line + ")");
                out.append(matcher.group());
            } else if (name.equals(CHEM_DATABASE_FILE)) {
                out.append(chemicalDatabaseFile);
            } else {
                out.append(valueText(templateName, name, flavour, values.get(name)));
            }
            copiedUpTo = matcher.end();
        }
        if (!leftovers.isEmpty()) {
            throw new TemplateException(
                    templateName, "placeholders that name no parameter column: " + String.join(", ", leftovers));
        }
        return out.append(template, copiedUpTo, template.length()).toString();
    }

    private static String valueText(String templateName, String name, Flavour flavour, Object value) {
        if (value == null) {
            throw new TemplateException(templateName, "no value for column " + name);
        }
        if (name.equals(SPECIES)) {
            return species(value.toString(), flavour);
        }
        if (name.equals(GRID)) {
            boolean grid = value instanceof Boolean b ? b : integral(templateName, name, value) != 0;
            return flavour == Flavour.JSON ? Boolean.toString(grid) : grid ? "*MODEL GRID" : "";
        }
        ParameterColumn column = ParameterColumns.byName(name).orElseThrow();
        return switch (column.kind()) {
            case REAL -> ValueFormat.real(number(templateName, name, value).doubleValue());
            case INTEGER -> ValueFormat.integer(integral(templateName, name, value));
            case TEXT -> value.toString();
        };
    }

    /** Species are stored as one whitespace-separated string, runs of blanks included. */
    private static String species(String text, Flavour flavour) {
        String trimmed = text.strip();
        List<String> names = trimmed.isEmpty() ? List.of() : List.of(WHITESPACE.split(trimmed));
        if (flavour == Flavour.PDRNEW_INP) {
            return names.stream().map(species -> "SPECIES  " + species).collect(Collectors.joining("\n"));
        }
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        return names.stream()
                .map(species -> '"' + new String(encoder.quoteAsString(species)) + '"')
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Number number(String templateName, String name, Object value) {
        if (value instanceof Number number) {
            return number;
        }
        throw wrongKind(templateName, name, "a number", value);
    }

    /** Integer columns may arrive as integral doubles (SQLite keeps what it was given). */
    private static long integral(String templateName, String name, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return (long) d;
            }
        }
        throw wrongKind(templateName, name, "an integer", value);
    }

    private static TemplateException wrongKind(String templateName, String name, String expected, Object value) {
        return new TemplateException(
                templateName,
                "column " + name + " needs " + expected + ", got " + value + " ("
                        + value.getClass().getSimpleName() + ")");
    }

    private static int newlines(String text, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
