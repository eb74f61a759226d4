package pdrrun.report;

import java.util.Locale;
import java.util.function.Predicate;
import pdrrun.config.ConfigException;

/**
 * A filter over the encoded axes of a job name, e.g. {@code dens>=30 and chi<20}: comparisons
 * ({@code < <= > >= == !=}) of an axis (metal, dens, mass, chi) with a number, combined with
 * {@code and}, {@code or}, {@code not} and parentheses ({@code not} binds tightest, then {@code
 * and}, then {@code or}). A recursive-descent parser; the result is an immutable, thread-safe
 * predicate.
 */
public final class WhereExpression {
    private final String text;
    private int pos;

    private WhereExpression(String text) {
        this.text = text;
    }

    /**
     * Parses an expression.
     *
     * @throws ConfigException with a one-line message naming the position (1-based) and what was
     *     expected there
     */
    public static Predicate<JobAxes> parse(String text) {
        WhereExpression parser = new WhereExpression(text);
        Predicate<JobAxes> predicate = parser.or();
        parser.skipBlanks();
        if (parser.pos < text.length()) {
            throw parser.error("expected 'and', 'or' or the end");
        }
        return predicate;
    }

    private Predicate<JobAxes> or() {
        Predicate<JobAxes> left = and();
        while (keyword("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<JobAxes> and() {
        Predicate<JobAxes> left = unary();
        while (keyword("and")) {
            left = left.and(unary());
        }
        return left;
    }

    private Predicate<JobAxes> unary() {
        if (keyword("not")) {
            return unary().negate();
        }
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '(') {
            pos++;
            Predicate<JobAxes> inner = or();
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error("expected ')'");
            }
            pos++;
            return inner;
        }
        return comparison();
    }

    private Predicate<JobAxes> comparison() {
        skipBlanks();
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        String axis = text.substring(start, pos).toLowerCase(Locale.ROOT);
        if (!JobAxes.NAMES.contains(axis)) {
            pos = start;
            throw error("expected an axis (metal, dens, mass or chi) or '('");
        }
        skipBlanks();
        String op = null;
        for (String candidate : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
            if (text.startsWith(candidate, pos)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            throw error("expected a comparison (<, <=, >, >=, ==, !=)");
        }
        pos += op.length();
        skipBlanks();
        start = pos;
        while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        double value;
        try {
            value = Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a number");
        }
        String operator = op;
        return axes -> compare(axes.value(axis), operator, value);
    }

    private static boolean compare(double a, String op, double b) {
        switch (op) {
            case "<":
                return a < b;
            case "<=":
                return a <= b;
            case ">":
                return a > b;
            case ">=":
                return a >= b;
            case "==":
                return a == b;
            default:
                return a != b;
        }
    }

    private boolean keyword(String word) {
        skipBlanks();
        int end = pos + word.length();
        if (text.regionMatches(true, pos, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ConfigException error(String expected) {
        String found = pos < text.length() ? "'" + text.charAt(pos) + "'" : "the end";
        return new ConfigException(
                "--where: at position " + (pos + 1) + " of \"" + text + "\": " + expected + ", found " + found);
    }
}
