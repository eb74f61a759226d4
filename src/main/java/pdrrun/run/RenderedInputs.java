package pdrrun.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import pdrrun.catalog.ClaimedJob;
import pdrrun.catalog.FileRecord;

/**
 * A job's rendered inputs: pdr_config.json (primary), PDRNEW.INP (legacy, optional), and what the
 * catalog keeps of them (the strict JSON and the template's checksum).
 */
record RenderedInputs(
        String json, String pdrnewInp, String configJson, String templateSha256, FileRecord templateRecord) {

    static final String JSON_FILE = "pdr_config.json";
    static final String PDRNEW_FILE = "PDRNEW.INP";

    /**
     * @throws TemplateException naming the template and any placeholder left unreplaced
     */
    static RenderedInputs render(RunSettings settings, ClaimedJob job) {
        return render(settings, job.parameters());
    }

    /** As {@link #render(RunSettings, ClaimedJob)}, for these parameter values. */
    static RenderedInputs render(RunSettings settings, java.util.Map<String, ?> parameters) {
        String chem = settings.home().chemDatabase();
        TemplateSource jsonTemplate = settings.jsonTemplate();
        String json = TemplateRenderer.render(
                jsonTemplate.name(), jsonTemplate.text(), TemplateRenderer.Flavour.JSON, parameters, chem);
        String strict = JsonConfigText.toStrictJson(jsonTemplate.name(), json);
        String inp = settings.pdrinpTemplate()
                .map(t -> TemplateRenderer.render(
                        t.name(), t.text(), TemplateRenderer.Flavour.PDRNEW_INP, parameters, chem))
                .orElse(null);
        String sha = jsonTemplate.sha256();
        String name = jsonTemplate.name();
        FileRecord template = new FileRecord(
                name.substring(name.lastIndexOf('/') + 1),
                name,
                null,
                jsonTemplate.text().length(),
                sha,
                LocalDateTime.of(1970, 1, 1, 0, 0));
        return new RenderedInputs(json, inp, strict, sha, template);
    }

    void writeInto(Path dir) throws IOException {
        KosmaTauPipeline.write(dir.resolve(JSON_FILE), json);
        if (pdrnewInp != null) {
            KosmaTauPipeline.write(dir.resolve(PDRNEW_FILE), pdrnewInp);
        }
    }
}
