package pdrrun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pdrrun.job.JobStatus;
import pdrrun.storage.OutArchive;

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
     * Stores the outputs of {@code dir} and notes which job column records which destination.
     */
    static void store(Path dir, StoragePaths p, JobStatus status, OutputStore store, Map<String, String> fileColumns)
            throws IOException {
        Path out = dir.resolve("pdroutput");
        Path textout = out.resolve("TEXTOUT");
        Path pdrnew = dir.resolve(RenderedInputs.PDRNEW_FILE);
        Path json = dir.resolve(RenderedInputs.JSON_FILE);
        Path runStatus = out.resolve("run_status.json");
        boolean complete = complete(status);
        Path archive = dir.resolve("MCDRT.tar.gz");
        RuntimeException archiveFailed = null;
        if (complete) {
            try {
                OutArchive.tarGz(dir.resolve("Out"), archive);
            } catch (RuntimeException e) {
                archiveFailed = e; // reported once the files below are stored, whatever happens
            }
        }
        Path hdf4 = out.resolve("pdrout.hdf");
        Path chem = out.resolve("pdrchem_c.hdf5");
        Path chemchk = out.resolve("chemchk.out");
        Path ctrlInd = out.resolve("CTRL_IND");
        String mcdrt = p.pdrgrid("MCDRT", ".tar.gz");
        List<Path> locals = new ArrayList<>(List.of(textout, pdrnew, json, runStatus));
        List<String> destinations = new ArrayList<>(List.of(
                p.pdrgrid("TEXTOUT", ""),
                p.pdrgrid("PDRNEW", ".INP"),
                jsonDestination(p),
                p.pdrgrid("run_status", ".json")));
        boolean results = complete && archiveFailed == null;
        if (results) {
            locals.addAll(List.of(hdf4, chem, chemchk, ctrlInd, archive));
            destinations.addAll(List.of(
                    p.pdrgrid("pdr", ".hdf"),
                    p.pdrgrid("pdrchem", ".hdf5"),
                    p.pdrgrid("chemchk", ".out"),
                    p.ctrlInd(),
                    mcdrt));
        }
        // One batch: the back end takes them all at once where it can.
        List<String> taken = store.takeAll(locals, destinations);
        put(fileColumns, "output_textout_file", taken.get(0));
        fileColumns.put("log_file", fileColumns.get("output_textout_file"));
        put(fileColumns, "input_pdrnew_inp_file", taken.get(1));
        // Required: a missing one is a storage failure, as take reports it.
        String jsonStored = taken.get(2) != null ? taken.get(2) : store.take(json, jsonDestination(p));
        put(fileColumns, "input_json_file", jsonStored);
        put(fileColumns, "output_json_file", jsonStored);
        if (archiveFailed != null) {
            throw archiveFailed;
        }
        if (!results) {
            return;
        }
        put(fileColumns, "output_hdf4_file", taken.get(4));
        put(fileColumns, "output_chemchk_file", taken.get(6));
        put(fileColumns, "output_ctrl_ind_file", taken.get(7));
        put(fileColumns, "output_mcdrt_zip_file", taken.get(8) != null ? taken.get(8) : store.take(archive, mcdrt));
        Files.deleteIfExists(archive);
        // Last: its presence in storage means "this model is stored" (SPEC section 4 step 3), so a
        // crash while storing must leave the model looking unstored, to be run again.
        put(fileColumns, "output_hdf5_file", store.take(out.resolve("pdrstruct_s.hdf5"), p.structure()));
    }

    /** Where pdr_config.json is stored (the json_files record). */
    static String jsonDestination(StoragePaths p) {
        return p.pdrgrid("pdr_config", ".json");
    }

    /** hdf_files destinations: pdr<job>.hdf, pdrstruct<job>.hdf5, pdrchem<job>.hdf5; none if incomplete. */
    static List<String> hdfDestinations(JobStatus status, StoragePaths p) {
        return complete(status)
                ? List.of(p.pdrgrid("pdr", ".hdf"), p.structure(), p.pdrgrid("pdrchem", ".hdf5"))
                : List.of();
    }

    private static void put(Map<String, String> columns, String column, String destination) {
        if (destination != null) {
            columns.put(column, destination);
        }
    }
}
