package pdrrun.report;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Reads catalog times written by either tool or back end: "2026-11-26 15:18:39.759817" (SQLite
 * text, UTC) or the text form a server returns, with 'T' or a blank, with or without fraction.
 */
public final class SqlText {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .appendPattern("HH:mm[:ss]")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SqlText() {}

    /** The time, or null for null or unparsable text (a foreign row is not an error here). */
    public static LocalDateTime time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Seconds resolution text for output, null stays null. */
    public static String format(LocalDateTime time) {
        return time == null ? null : OUT.format(time);
    }
}
