package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import pdrrun.catalog.FileRecord;
import pdrrun.job.JobStatus;
import pdrrun.storage.OutArchive;
import pdrrun.storage.StoredFile;

/**
 * Which outputs of pdrexe are stored, by outcome (SPEC section 9): always TEXTOUT, PDRNEW.INP and
 * pdr_config.json; run_status.json for incomplete runs; the result files only for complete ones.
 */
final class ModelOutputs {
    /** Outcomes whose outputs are complete: success states and not_converged. */
    private static final Set<JobStatus> COMPLETE =
            EnumSet.of(JobStatus.FINISHED, JobStatus.FINISHED_RELAXED, JobStatus.FLAGGED, JobStatus.NOT_CONVERGED);

    private ModelOutputs() {}

    static boolean complete(JobStatus status) {
        return COMPLETE.contains(status);
    }

    /**
     * Stores the outputs of {@code dir} and fills the job's output path columns.
     *
     * @return the stored pdr_config.json's record
     */
    static FileRecord store(Path dir, StoragePaths p, JobStatus status, OutputStore store, Map<String, Object> columns)
            throws java.io.IOException {
        Path out = dir.resolve("pdroutput");
        put(columns, "output_textout_file", store.takeIfPresent(out.resolve("TEXTOUT"), p.pdrgrid("TEXTOUT", "")));
        columns.put("log_file", columns.get("output_textout_file"));
        put(
                columns,
                "input_pdrnew_inp_file",
                store.takeIfPresent(dir.resolve(RenderedInputs.PDRNEW_FILE), p.pdrgrid("PDRNEW", ".INP")));
        StoredFile json = store.take(dir.resolve(RenderedInputs.JSON_FILE), p.pdrgrid("pdr_config", ".json"));
        put(columns, "input_json_file", json);
        put(columns, "output_json_file", json);
        if (!complete(status)) {
            store.takeIfPresent(out.resolve("run_status.json"), p.pdrgrid("run_status", ".json"));
            return OutputStore.record(json);
        }
        store.takeIfPresent(out.resolve("run_status.json"), p.pdrgrid("run_status", ".json"));
        put(columns, "output_hdf4_file", store.takeIfPresent(out.resolve("pdrout.hdf"), p.pdrgrid("pdr", ".hdf")));
        store.takeIfPresent(out.resolve("pdrchem_c.hdf5"), p.pdrgrid("pdrchem", ".hdf5"));
        put(
                columns,
                "output_chemchk_file",
                store.takeIfPresent(out.resolve("chemchk.out"), p.pdrgrid("chemchk", ".out")));
        put(columns, "output_ctrl_ind_file", store.takeIfPresent(out.resolve("CTRL_IND"), p.ctrlInd()));
        Path archive = dir.resolve("MCDRT.tar.gz");
        OutArchive.tarGz(dir.resolve("Out"), archive);
        put(columns, "output_mcdrt_zip_file", store.take(archive, p.pdrgrid("MCDRT", ".tar.gz")));
        Files.deleteIfExists(archive);
        // Last: its presence in storage means "this model is stored" (SPEC section 4 step 3), so a
        // crash while storing must leave the model looking unstored, to be run again.
        put(columns, "output_hdf5_file", store.take(out.resolve("pdrstruct_s.hdf5"), p.structure()));
        return OutputStore.record(json);
    }

    /** hdf_files values: pdr<job>.hdf, pdrstruct<job>.hdf5, pdrchem<job>.hdf5 (null if any is missing). */
    static FileRecord[] hdfRecords(OutputStore store, StoragePaths p) {
        StoredFile hdf4 = store.stored().get(p.pdrgrid("pdr", ".hdf"));
        StoredFile struct = store.stored().get(p.structure());
        StoredFile chem = store.stored().get(p.pdrgrid("pdrchem", ".hdf5"));
        if (hdf4 == null || struct == null || chem == null) {
            return null;
        }
        return new FileRecord[] {OutputStore.record(hdf4), OutputStore.record(struct), OutputStore.record(chem)};
    }

    private static void put(Map<String, Object> columns, String column, StoredFile file) {
        if (file != null) {
            columns.put(column, file.location());
        }
    }
}
