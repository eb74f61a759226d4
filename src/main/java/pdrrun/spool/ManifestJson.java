package pdrrun.spool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pdrrun.catalog.FileRecord;
import pdrrun.job.JobStatus;
import pdrrun.storage.StoredFile;

/**
 * The manifest as JSON: written field by field (times as ISO-8601 text, column values as JSON
 * scalars), so that a person can read it and nothing depends on Java class names. Stateless and
 * thread-safe.
 */
final class ManifestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {}

    static byte[] write(SpoolManifest m) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", SpoolManifest.FORMAT);
        root.put("host", m.host());
        root.put("created", m.created().toString());
        ObjectNode job = root.putObject("job");
        job.put("id", m.jobId());
        job.put("model", m.model());
        job.put("name", m.job());
        job.put("attempt", m.attempt());
        root.put("failure", m.failure());
        result(root.putObject("result"), m.result());
        ArrayNode files = root.putArray("files");
        for (SpooledFile f : m.files()) {
            ObjectNode file = files.addObject();
            file.put("destination", f.destination());
            file.put("compress", f.compress());
            file.put("size", f.size());
            file.put("sha256", f.sha256());
            if (f.waiting()) {
                file.put("local", f.local());
            } else {
                storedFile(file.putObject("stored"), f.stored());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest tree always serializes", e);
        }
    }

    private static void result(ObjectNode node, PendingResult r) {
        node.put("status", r.status().dbName());
        node.put("started", text(r.started()));
        node.put("finished", text(r.finished()));
        node.put("execution_seconds", r.executionSeconds());
        node.put("exit_code", r.exitCode());
        node.put("error_message", r.errorMessage());
        node.put("postproc_error", r.postprocError());
        node.put("config_json", r.configJson());
        node.put("template_sha256", r.templateSha256());
        if (r.template() != null) {
            ObjectNode t = node.putObject("template");
            t.put("file_name", r.template().fileName());
            t.put("full_path", r.template().fullPath());
            t.put("folder", r.template().folder());
            t.put("size", r.template().size());
            t.put("sha256", r.template().sha256());
            t.put("modified", text(r.template().modified()));
        }
        ObjectNode columns = node.putObject("columns");
        r.columns().forEach((k, v) -> columns.set(k, MAPPER.valueToTree(v)));
        ObjectNode fileColumns = node.putObject("file_columns");
        r.fileColumns().forEach(fileColumns::put);
        ArrayNode hdf = node.putArray("hdf");
        r.hdf().forEach(hdf::add);
        node.put("json", r.json());
    }

    private static void storedFile(ObjectNode node, StoredFile s) {
        node.put("path", s.path());
        node.put("location", s.location());
        node.put("size", s.size());
        node.put("sha256", s.sha256());
        node.put("modified", s.modified().toString());
    }

    /** @throws IllegalArgumentException naming what is missing or malformed */
    static SpoolManifest read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int format = required(root, "format").asInt();
        if (format != SpoolManifest.FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not " + SpoolManifest.FORMAT);
        }
        JsonNode job = required(root, "job");
        List<SpooledFile> files = new ArrayList<>();
        for (JsonNode f : required(root, "files")) {
            String destination = string(f, "destination");
            boolean compress = required(f, "compress").asBoolean();
            long size = required(f, "size").asLong();
            String sha256 = string(f, "sha256");
            files.add(
                    f.hasNonNull("local")
                            ? SpooledFile.waiting(destination, compress, string(f, "local"), size, sha256)
                            : SpooledFile.uploaded(destination, compress, storedFile(required(f, "stored"))));
        }
        return new SpoolManifest(
                string(root, "host"),
                Instant.parse(string(root, "created")),
                required(job, "id").asLong(),
                string(job, "model"),
                string(job, "name"),
                required(job, "attempt").asInt(),
                nullable(root, "failure"),
                result(required(root, "result")),
                files);
    }

    private static PendingResult result(JsonNode r) {
        JobStatus status = JobStatus.fromDb(string(r, "status"))
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + r.get("status")));
        FileRecord template = null;
        if (r.hasNonNull("template")) {
            JsonNode t = r.get("template");
            template = new FileRecord(
                    string(t, "file_name"),
                    string(t, "full_path"),
                    nullable(t, "folder"),
                    required(t, "size").asLong(),
                    nullable(t, "sha256"),
                    time(nullable(t, "modified")));
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = required(r, "columns").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            columns.put(e.getKey(), scalar(e.getValue()));
        }
        Map<String, String> fileColumns = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        required(r, "file_columns").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fileColumns.put(
                    e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        List<String> hdf = new ArrayList<>();
        required(r, "hdf").forEach(n -> hdf.add(n.asText()));
        JsonNode seconds = r.get("execution_seconds");
        JsonNode exit = r.get("exit_code");
        return new PendingResult(
                status,
                time(nullable(r, "started")),
                time(nullable(r, "finished")),
                seconds == null || seconds.isNull() ? null : seconds.asDouble(),
                exit == null || exit.isNull() ? null : exit.asInt(),
                nullable(r, "error_message"),
                nullable(r, "postproc_error"),
                nullable(r, "config_json"),
                nullable(r, "template_sha256"),
                template,
                columns,
                fileColumns,
                hdf,
                nullable(r, "json"));
    }

    private static StoredFile storedFile(JsonNode s) {
        return new StoredFile(
                string(s, "path"),
                string(s, "location"),
                required(s, "size").asLong(),
                string(s, "sha256"),
                Instant.parse(string(s, "modified")));
    }

    private static Object scalar(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : (Object) v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new IllegalArgumentException("column value " + v + " is not a scalar");
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return value;
    }

    private static String string(JsonNode node, String field) {
        return required(node, field).asText();
    }

    private static String nullable(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String text(LocalDateTime time) {
        return time == null ? null : time.toString();
    }

    private static LocalDateTime time(String text) {
        return text == null ? null : LocalDateTime.parse(text);
    }
}
