package pdrrun.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code report}: one self-contained HTML page (inline CSS and JS, no network) that draws the grid
 * as heatmaps over two axes, faceted by the other two, from a JSON block embedded in the page.
 * The template is the resource {@code pdrrun/report/report.html}; its {@code /*DATA*}{@code /}
 * marker is replaced by the data. Stateless.
 */
public final class HtmlReport {
    private static final String MARKER = "/*DATA*/";

    private HtmlReport() {}

    /**
     * Writes the page to {@code out} (not closed).
     *
     * @param status the grid's status: model hours, reruns and alerts are the numbers status prints
     * @param points the grid's points (latest row each)
     */
    public static void write(GridStatus status, String database, List<GridPoint> points, Writer out)
            throws IOException {
        String template = template();
        int at = template.indexOf(MARKER);
        out.write(template, 0, at);
        // "</" inside the data would end the script element; "<\/" is the same JSON string.
        out.write(data(status, database, points).replace("</", "<\\/"));
        out.write(template, at + MARKER.length(), template.length() - at - MARKER.length());
    }

    static String data(GridStatus status, String database, List<GridPoint> points) throws IOException {
        Map<String, TreeSet<Double>> axes = new TreeMap<>();
        Map<String, Long> states = new TreeMap<>();
        Map<String, Long> classes = new TreeMap<>();
        for (String axis : JobAxes.NAMES) {
            axes.put(axis, new TreeSet<>());
        }
        for (GridPoint p : points) {
            p.axes().ifPresent(a -> JobAxes.NAMES.forEach(n -> axes.get(n).add(a.value(n))));
            states.merge(String.valueOf(p.status()), 1L, Long::sum);
            classes.merge(p.stateClass().label(), 1L, Long::sum);
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("model", status.model());
            g.writeStringField("database", database);
            g.writeStringField("generated", SqlText.format(status.asOf()));
            g.writeNumberField("modelHours", status.modelHours());
            g.writeNumberField("coreHours", status.coreHours());
            g.writeNumberField("coresPerModel", status.coresPerModel());
            g.writeNumberField("rerunPoints", status.rerunPoints());
            g.writeNumberField("postprocErrors", status.postprocErrors());
            g.writeArrayFieldStart("alerts");
            for (GridStatus.Alert a : status.alerts()) {
                g.writeString(a.kind() + ": " + a.message());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("axes");
            for (Map.Entry<String, TreeSet<Double>> e : axes.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (double v : e.getValue()) {
                    g.writeNumber(v);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            counts(g, "states", states);
            counts(g, "classes", classes);
            g.writeObjectFieldStart("stateClasses");
            for (String state : states.keySet()) {
                g.writeStringField(state, StateClass.of(state).label());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("points");
            for (GridPoint p : points) {
                if (p.axes().isEmpty()) {
                    continue; // a job name of another shape has no place on the axes
                }
                JobAxes a = p.axes().get();
                g.writeStartArray();
                g.writeNumber(a.metal());
                g.writeNumber(a.dens());
                g.writeNumber(a.mass());
                g.writeNumber(a.chi());
                g.writeString(p.status());
                g.writeString(p.stateClass().label());
                g.writeObject(p.executionSeconds());
                g.writeObject(p.runStatus().globalIterations());
                g.writeString(p.jobName());
                g.writeString(p.error() != null ? p.error() : p.postprocError());
                g.writeNumber(p.rows());
                g.writeNumber(p.attempts());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return text.toString();
    }

    private static void counts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/pdrrun/report/report.html")) {
            if (in == null) {
                throw new ReportException("the report template pdrrun/report/report.html is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
