package pdrrun.config;

/** The type a configuration key accepts; decides conversion and the wrong-type message. */
public enum KeyType {
    STRING("a text value"),
    INTEGER("a whole number"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    /** A list of scalars, kept as their source text ("05" stays "05"); a single scalar is a list of one. */
    LIST("a list of values, e.g. [30, 40]"),
    /** Anything: validated by the feature that reads it. */
    ANY("a value");

    private final String expected;

    KeyType(String expected) {
        this.expected = expected;
    }

    /** What a user should write, for error messages. */
    public String expected() {
        return expected;
    }
}
