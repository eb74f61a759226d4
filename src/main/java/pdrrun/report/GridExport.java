package pdrrun.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code export}: one row per grid point (its latest job row) with encoded axes, physical values,
 * state, class, convergence fields, run times and output paths, as CSV (RFC 4180) or JSON (an
 * array of objects with the same keys). Stateless.
 */
public final class GridExport {
    /** Column names, in order, of both formats. */
    public static final List<String> COLUMNS = List.of(
            "job_id",
            "job_name",
            "metal",
            "dens",
            "mass",
            "chi",
            "zmetal",
            "xnsur",
            "mass_msun",
            "sint",
            "rtot",
            "state",
            "class",
            "rows",
            "attempts",
            "run_status_converged",
            "run_status_global_iterations",
            "run_status_eps_final",
            "run_status_tsearch_flagged_shells",
            "run_status_chem_relaxed_calls",
            "run_status_deferred_iterations",
            "run_status_code_version",
            "run_status_git_hash",
            "run_status_source",
            "execution_seconds",
            "time_of_start",
            "time_of_finish",
            "exit_code",
            "error_message",
            "postproc_error",
            "output_directory",
            "output_textout_file",
            "output_hdf5_file",
            "output_hdf4_file",
            "output_json_file");

    private GridExport() {}

    /** The values of one point in {@link #COLUMNS} order (null for unknown). */
    public static List<Object> values(GridPoint p) {
        JobAxes a = p.axes().orElse(null);
        GridPoint.PhysicalValues v = p.physical();
        GridPoint.RunStatusFields r = p.runStatus();
        GridPoint.Outputs o = p.outputs();
        return new ArrayList<>(Arrays.asList(
                p.id(),
                p.jobName(),
                a == null ? null : a.metal(),
                a == null ? null : a.dens(),
                a == null ? null : a.mass(),
                a == null ? null : a.chi(),
                v.zmetal(),
                v.xnsur(),
                v.mass(),
                v.sint(),
                v.rtot(),
                p.status(),
                p.stateClass().label(),
                p.rows(),
                p.attempts(),
                r.converged(),
                r.globalIterations(),
                r.epsFinal(),
                r.flaggedShells(),
                r.chemRelaxedCalls(),
                r.deferredIterations(),
                r.codeVersion(),
                r.gitHash(),
                r.source(),
                p.executionSeconds(),
                SqlText.format(p.started()),
                SqlText.format(p.finished()),
                p.exitCode(),
                p.error(),
                p.postprocError(),
                o.directory(),
                o.textout(),
                o.hdf5(),
                o.hdf(),
                o.json()));
    }

    /** Writes CSV with a header line; CRLF line ends as RFC 4180 asks. */
    public static void csv(List<GridPoint> points, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
        for (GridPoint p : points) {
            List<Object> values = values(p);
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csvField(values.get(i)));
            }
            out.write("\r\n");
        }
    }

    /** A field quoted when it holds a comma, quote, CR or LF; quotes doubled. Null is empty. */
    public static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? number(d) : value.toString();
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** Whole numbers without ".0" (encoded axes read "30", not "30.0"); others as Java prints them. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
