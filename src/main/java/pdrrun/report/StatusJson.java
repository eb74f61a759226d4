package pdrrun.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pdrrun.run.process.TextoutProgress;

/**
 * Writes status as JSON following {@code pdrrun/report/status.schema.json} (kept beside this class
 * as a resource; tests validate the output against it). Streams, so 100k points cost no tree.
 * Indented, with one line per array element; a grid point is one compact line.
 */
public final class StatusJson {
    /** Version of the document's shape; raised on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private StatusJson() {}

    /** Writes the status of {@code grids} to {@code out} (not closed). */
    public static void write(Writer out, String database, LocalDateTime asOf, List<GridStatus> grids) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("generated_at", SqlText.format(asOf));
            g.writeStringField("database", database);
            g.writeArrayFieldStart("models");
            for (GridStatus s : grids) {
                grid(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new ReportException("cannot write the status JSON: " + e.getMessage(), e);
        }
    }

    private static void grid(JsonGenerator g, GridStatus s) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", s.model());
        g.writeNumberField("model_id", s.modelId());
        g.writeNumberField("total_points", s.totalPoints());
        g.writeObjectFieldStart("states");
        for (Map.Entry<String, Long> e : s.states().entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("classes");
        for (Map.Entry<StateClass, Long> e : s.classes().entrySet()) {
            g.writeNumberField(e.getKey().label(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("rerun_points", s.rerunPoints());
        g.writeNumberField("model_hours", s.modelHours());
        g.writeNumberField("cores_per_model", s.coresPerModel());
        g.writeNumberField("core_hours", s.coreHours());
        g.writeNumberField("postproc_errors", s.postprocErrors());
        if (s.points() != null) {
            points(g, s.points());
        }
        g.writeArrayFieldStart("running");
        for (GridStatus.Running r : s.running()) {
            running(g, r);
        }
        g.writeEndArray();
        g.writeFieldName("eta");
        if (s.eta() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("p10_s", s.eta().p10Seconds());
            g.writeNumberField("p50_s", s.eta().p50Seconds());
            g.writeNumberField("p90_s", s.eta().p90Seconds());
            g.writeNumberField("pending", s.eta().pending());
            g.writeNumberField("workers", s.eta().workers());
            g.writeStringField("workers_from", s.eta().workersFrom());
            g.writeNumberField("samples", s.eta().samples());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("events");
        for (GridStatus.Event e : s.events()) {
            g.writeStartObject();
            g.writeStringField("time", SqlText.format(e.time()));
            g.writeStringField("job_name", e.jobName());
            g.writeStringField("kind", e.kind());
            g.writeStringField("message", e.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("cluster_jobs");
        for (GridStatus.ClusterJob c : s.clusterJobs()) {
            g.writeStartObject();
            g.writeStringField("job_id", c.jobId());
            g.writeNumberField("attempts", c.attempts());
            g.writeNumberField("array_tasks", c.arrayTasks());
            g.writeNumberField("running", c.running());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("alerts");
        for (GridStatus.Alert a : s.alerts()) {
            g.writeStartObject();
            g.writeStringField("kind", a.kind());
            g.writeStringField("message", a.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * The points, each written as one raw compact object: a field-by-field write of 100k points
     * through the pretty printer costs more than the scan that read them.
     */
    private static void points(JsonGenerator g, List<GridStatus.PointState> points) throws IOException {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        Map<String, String> labels = new HashMap<>(); // a HashMap: the null state is a key too
        StringBuilder b = new StringBuilder(128);
        g.writeArrayFieldStart("points");
        for (GridStatus.PointState p : points) {
            b.setLength(0);
            b.append("{\"job_name\":\"");
            encoder.quoteAsString(p.jobName(), b);
            b.append("\",\"state\":");
            if (p.state() == null) {
                b.append("null");
            } else {
                b.append('"');
                encoder.quoteAsString(p.state(), b);
                b.append('"');
            }
            b.append(",\"class\":\"")
                    .append(labels.computeIfAbsent(
                            p.state(), state -> StateClass.of(state).label()))
                    .append("\",\"rows\":")
                    .append(p.rows())
                    .append(",\"attempts\":")
                    .append(p.attempts())
                    .append('}');
            g.writeRawValue(b.toString());
        }
        g.writeEndArray();
    }

    private static void running(JsonGenerator g, GridStatus.Running r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", r.id());
        g.writeStringField("job_name", r.jobName());
        g.writeStringField("owner", r.owner());
        g.writeStringField("host", r.host());
        g.writeStringField("cluster_job", r.clusterJob());
        g.writeStringField("array_task", r.arrayTask());
        g.writeStringField("started", SqlText.format(r.started()));
        g.writeStringField("heartbeat", SqlText.format(r.heartbeat()));
        g.writeObjectField("elapsed_s", r.elapsedSeconds());
        g.writeObjectField("cap_s", r.capSeconds());
        g.writeStringField("textout", r.textout());
        g.writeFieldName("progress");
        TextoutProgress.Progress p = r.progress();
        if (p == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeObjectField("shell", p.shell());
            g.writeObjectField("iteration", p.iteration());
            g.writeObjectField("av", p.av());
            g.writeObjectField("tgas", p.tgas());
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
