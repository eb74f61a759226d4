package pdrrun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import pdrrun.grid.ParameterColumn;
import pdrrun.grid.ParameterColumns;

/** Builds parameter rows (column name to value) for rendering tests. */
final class ParameterRowBuilder {

    private final Map<String, Object> values = new LinkedHashMap<>();

    private ParameterRowBuilder() {}

    /** A row of every column's default. */
    static ParameterRowBuilder aDefaultRow() {
        ParameterRowBuilder builder = new ParameterRowBuilder();
        ParameterColumns.ALL.forEach(column -> builder.values.put(column.name(), column.defaultValue()));
        return builder;
    }

    /**
     * The golden {@code kosmatau_parameters} row of the original runner: JSON numbers become
     * {@link Double} for REAL and {@link Long} for INTEGER columns, as the catalog would return them.
     */
    static ParameterRowBuilder theGoldenRow() {
        JsonNode row;
        try (InputStream in = ParameterRowBuilder.class.getResourceAsStream("/golden/kosmatau_parameters_row.json")) {
            row = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ParameterRowBuilder builder = new ParameterRowBuilder();
        for (ParameterColumn column : ParameterColumns.ALL) {
            JsonNode value = row.get(column.name());
            if (value == null) {
                throw new IllegalStateException("golden row lacks column " + column.name());
            }
            builder.values.put(
                    column.name(),
                    switch (column.kind()) {
                        case REAL -> value.asDouble();
                        case INTEGER -> value.asLong();
                        case TEXT -> value.asText();
                    });
        }
        return builder;
    }

    ParameterRowBuilder with(String column, Object value) {
        values.put(column, value);
        return this;
    }

    ParameterRowBuilder without(String column) {
        values.remove(column);
        return this;
    }

    Map<String, Object> build() {
        return new LinkedHashMap<>(values);
    }

    static String resource(String path) {
        try (InputStream in = ParameterRowBuilder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
