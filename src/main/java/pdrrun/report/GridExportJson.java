package pdrrun.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** JSON form of {@link GridExport}: an array of objects keyed by {@link GridExport#COLUMNS}. */
public final class GridExportJson {
    private GridExportJson() {}

    /** Writes the array to {@code out} (not closed). */
    public static void write(List<GridPoint> points, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            for (GridPoint p : points) {
                writePoint(g, p);
            }
            g.writeEndArray();
        }
    }

    /** One point as an object; numbers stay numbers, nulls stay null. */
    static void writePoint(JsonGenerator g, GridPoint p) throws IOException {
        List<Object> values = GridExport.values(p);
        g.writeStartObject();
        for (int i = 0; i < values.size(); i++) {
            g.writeObjectField(GridExport.COLUMNS.get(i), values.get(i));
        }
        g.writeEndObject();
    }
}
