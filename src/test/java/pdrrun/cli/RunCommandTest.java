package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.storage.Checksums;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/** pdr-run run end to end on SQLite with the demo executables. */
class RunCommandTest {
    private static final List<String> JOBS =
            List.of("100_30_-10_10_00", "100_30_-10_20_00", "100_40_-10_10_00", "100_40_-10_20_00");

    @TempDir
    Path dir;

    static Result run(Workspace w, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run", "--config", w.config.toString(), "--model-name", "m", "--metal", "100", "--mass", "-10"));
        args.addAll(List.of(extra));
        return Workspace.run(args.toArray(String[]::new));
    }

    /** A workspace whose demo executables behave per {@code modes} (PDRDEMO_MODES syntax). */
    private Workspace workspace(String modes, String pdrKeys) {
        Workspace w = Workspace.in(dir);
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"" + modes + "\"\n" + pdrKeys, "");
        return w;
    }

    private static String state(Workspace w, String job) {
        return w.queryString("SELECT status FROM pdr_model_jobs WHERE model_job_name = '" + job + "'");
    }

    @Test
    void gridRunsStoresEveryOutputAndExitsZero() throws Exception {
        Workspace w = workspace("*=ok", "");
        Result r = run(w, "--dens", "30", "40", "--chi", "10", "20", "--species", "CO", "C+");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=4");
        Path pdrgrid = w.storage.resolve("m/pdrgrid");
        Path oniongrid = w.storage.resolve("m/oniongrid");
        for (String job : JOBS) {
            for (String file : List.of(
                    "TEXTOUT" + job,
                    "pdr" + job + ".hdf",
                    "pdrstruct" + job + ".hdf5",
                    "pdrchem" + job + ".hdf5",
                    "chemchk" + job + ".out",
                    "MCDRT" + job + ".tar.gz",
                    "PDRNEW" + job + ".INP",
                    "pdr_config" + job + ".json",
                    "CTRL_IND" + job)) {
                assertThat(pdrgrid.resolve(file)).as(file).isRegularFile();
            }
            for (String sp : List.of("CO", "C+")) {
                for (String f : List.of(
                        "jerg_%s.smli",
                        "jerg_%s.srli", "jtemp_%s.smli", "jtemp_%s.smlc", "linebt_%s.out", "ONION3_%s.OUT")) {
                    assertThat(oniongrid.resolve("ONION" + job + "." + String.format(f, sp)))
                            .isRegularFile();
                }
                assertThat(Files.readString(oniongrid.resolve("TEXTOUT" + job + "_" + sp)))
                        .contains(sp);
            }
        }
        try (var files = Files.list(pdrgrid)) {
            assertThat(files.filter(p -> p.toString().contains(".part"))).isEmpty();
        }
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished' AND pending = 0"
                        + " AND active = 0 AND time_of_start IS NOT NULL AND time_of_finish IS NOT NULL"
                        + " AND execution_seconds > 0 AND run_status_converged = 'strict' AND postproc_error IS NULL"))
                .isEqualTo(4);
        assertThat(w.count("hdf_files")).isEqualTo(4);
        String job = JOBS.get(0);
        assertThat(w.queryString("SELECT sha256_sum_hdf5_s FROM hdf_files h JOIN pdr_model_jobs j ON j.id = h.job_id"
                        + " WHERE j.model_job_name = '" + job + "'"))
                .isEqualTo(Checksums.sha256(pdrgrid.resolve("pdrstruct" + job + ".hdf5")));
        assertThat(w.queryString("SELECT path FROM json_files f JOIN pdr_model_jobs j ON j.id = f.job_id"
                        + " WHERE j.model_job_name = '" + job + "'"))
                .isEqualTo(pdrgrid.resolve("pdr_config" + job + ".json").toString());
        assertThat(w.queryString("SELECT config_json FROM pdr_model_jobs WHERE model_job_name = '" + job + "'"))
                .startsWith("{")
                .contains("\"surface_density\":1000.0");
        assertThat(w.queryString("SELECT template_sha256 FROM pdr_model_jobs WHERE model_job_name = '" + job + "'"))
                .hasSize(64);
        String textout = Files.readString(pdrgrid.resolve("TEXTOUT" + job));
        assertThat(textout).contains("current iteration step:").contains("Model CONVERGED in");
        try (var scratch = Files.list(dir.resolve("tmp"))) {
            assertThat(scratch).as("run directories are removed").isEmpty();
        }
    }

    @Test
    void everyOutcomeIsClassifiedAndStoredWithItsReason() {
        Workspace w = workspace(
                "100_30_*=ok,100_31_*=relaxed,100_32_*=not_converged,100_33_*=flagged,"
                        + "100_34_*=aborted,100_35_*=missing_output,100_36_*=no_line,100_37_*=status_json,"
                        + "100_38_*=crash_mid_write",
                "");
        Result r = run(
                w, "--dens", "30", "31", "32", "33", "34", "35", "36", "37", "38", "--chi", "10", "--species", "CO");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(state(w, "100_30_-10_10_00")).isEqualTo("finished");
        assertThat(state(w, "100_31_-10_10_00")).isEqualTo("finished_relaxed");
        assertThat(state(w, "100_32_-10_10_00")).isEqualTo("not_converged");
        assertThat(state(w, "100_33_-10_10_00")).isEqualTo("flagged");
        assertThat(state(w, "100_34_-10_10_00")).isEqualTo("aborted");
        assertThat(state(w, "100_35_-10_10_00")).isEqualTo("missing_output");
        assertThat(state(w, "100_36_-10_10_00")).isEqualTo("finished");
        assertThat(state(w, "100_37_-10_10_00")).isEqualTo("finished");
        assertThat(state(w, "100_38_-10_10_00")).isEqualTo("aborted");
        assertThat(w.queryString("SELECT error_message FROM pdr_model_jobs WHERE model_job_name = '100_34_-10_10_00'"))
                .contains("7");
        assertThat(w.queryString(
                        "SELECT run_status_source FROM pdr_model_jobs WHERE model_job_name = " + "'100_37_-10_10_00'"))
                .isEqualTo("run_status.json");
        assertThat(w.queryLong("SELECT run_status_tsearch_flagged_shells FROM pdr_model_jobs WHERE model_job_name = "
                        + "'100_33_-10_10_00'"))
                .isPositive();
        Path pdrgrid = w.storage.resolve("m/pdrgrid");
        assertThat(pdrgrid.resolve("pdrstruct100_32_-10_10_00.hdf5"))
                .as("not_converged keeps results")
                .exists();
        assertThat(pdrgrid.resolve("TEXTOUT100_34_-10_10_00"))
                .as("failures keep their log")
                .exists();
        assertThat(pdrgrid.resolve("pdr100_34_-10_10_00.hdf"))
                .as("no results of aborted runs")
                .doesNotExist();
        assertThat(r.out()).contains("Job states:").contains("aborted=2").contains("finished=3");
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE active = 1 OR pending = 1"))
                .isZero();
    }

    @Test
    void oneFailingPointExitsOneAndTheOthersFinish() {
        Workspace w = workspace("*_40_-10_20_*=aborted", "");
        Result r = run(w, "--dens", "30", "40", "--chi", "10", "20", "--species", "CO");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(state(w, "100_40_-10_20_00")).isEqualTo("aborted");
        assertThat(r.out())
                .contains("100_40_-10_20_00 aborted")
                .contains("Job states:")
                .contains("aborted=1")
                .contains("finished=3");
    }

    @Test
    void wallTimeCapKillsTheModelAndItsChildren() throws Exception {
        Workspace w = workspace("*=hang", "  max_walltime_s: 1\n  kill_grace_s: 0.5\n  poll_interval_s: 0.1\n");
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO", "--keep-tmp");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(state(w, "100_30_-10_10_00")).isEqualTo("timeout");
        Matcher kept = Pattern.compile("kept run directory of \\S+: (\\S+)").matcher(r.out());
        assertThat(kept.find()).as(r.out()).isTrue();
        Path runDir = Path.of(kept.group(1));
        long child = Long.parseLong(
                Files.readString(runDir.resolve("pdroutput/child.pid")).strip());
        assertThat(Workspace.processRunning(child)).as("child " + child).isFalse();
        assertThat(w.storage.resolve("m/pdrgrid/TEXTOUT100_30_-10_10_00")).exists();
        assertThat(runDir.resolve("pdr_config.json")).exists();
    }

    @Test
    void stallWatchdogKillsAModelThatNeverReachesIterationTwo() {
        Workspace w =
                workspace("*=stall", "  stall_first_iteration_s: 1\n  kill_grace_s: 0.5\n  poll_interval_s: 0.1\n");
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(state(w, "100_30_-10_10_00")).isEqualTo("stalled");
    }

    @Test
    void secondRunSkipsAndRerunFailedRecomputesOnlyFailures() {
        Workspace w = workspace("*_40_*=aborted", "");
        assertThat(run(w, "--dens", "30", "40", "--chi", "10", "--species", "CO")
                        .exitCode())
                .isEqualTo(1);
        Result again = run(w, "--dens", "30", "40", "--chi", "10", "--species", "CO");
        assertThat(again.out()).contains("0 new jobs, 2 already registered").contains("Job states: none run");
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"*=ok\"\n", "");
        Result rerun = run(w, "--dens", "30", "40", "--chi", "10", "--species", "CO", "--rerun", "failed");
        assertThat(rerun.out()).contains("1 job(s) selected for rerun").contains("Job states: finished=1");
        assertThat(rerun.exitCode()).isZero();
        assertThat(state(w, "100_40_-10_10_00")).isEqualTo("finished");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(2);
    }

    @Test
    void aModelWhoseOutputsCouldNotAllBeStoredDoesNotLookStored() throws Exception {
        Workspace w = workspace("*=ok", "");
        String job = "100_30_-10_10_00";
        // A folder where the MCDRT archive must go: that one store fails, whatever is retried.
        Files.createDirectories(w.storage.resolve("m/pdrgrid/MCDRT" + job + ".tar.gz"));

        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO");

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(state(w, job)).isEqualTo("failed_storage");
        // The structure file says "stored" to every later run: it must be the last one stored.
        assertThat(w.storage.resolve("m/pdrgrid/pdrstruct" + job + ".hdf5")).doesNotExist();
    }

    @Test
    void aKeptRunDirectoryStillHoldsEveryOutputThatWasStored() throws Exception {
        Workspace w = workspace("*=ok", "");
        String job = "100_30_-10_10_00";
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO", "--keep-tmp");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        String runDir = w.queryString("SELECT run_directory FROM pdr_model_jobs WHERE model_job_name = '" + job + "'");
        Path kept = Path.of(runDir);
        for (String file : List.of(
                "pdroutput/TEXTOUT",
                "pdroutput/pdrstruct_s.hdf5",
                "pdroutput/CTRL_IND",
                "PDRNEW.INP",
                "pdr_config.json")) {
            assertThat(kept.resolve(file)).as(file).isRegularFile();
        }
        assertThat(kept.resolve("onionoutput/linebt_CO.out")).isRegularFile();
        assertThat(Files.readAllBytes(kept.resolve("pdroutput/pdrstruct_s.hdf5")))
                .isEqualTo(Files.readAllBytes(w.storage.resolve("m/pdrgrid/pdrstruct" + job + ".hdf5")));
    }

    @Test
    void pendingJobsWhoseOutputsAreStoredAreSkipped() {
        Workspace w = workspace("*=ok", "");
        assertThat(run(w, "--dens", "30", "--chi", "10", "--species", "CO").exitCode())
                .isZero();
        Result other = Workspace.run(
                "run",
                "--config",
                w.config.toString(),
                "--model-name",
                "m",
                "--metal",
                "100",
                "--mass",
                "-10",
                "--dens",
                "30",
                "--chi",
                "10",
                "--rerun",
                "finished",
                "--species",
                "CO");
        assertThat(other.out()).contains("Job states: finished=1");
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_events WHERE kind = 'finished'"))
                .isEqualTo(2);
    }

    @Test
    void onionFailureGoesToPostprocErrorWithoutChangingTheModelState() {
        Workspace w = workspace("*=ok", "");
        w.writeConfig("  environment:\n    PDRDEMO_MODES: \"*=ok\"\n    PDRDEMO_ONION_FAIL: \"C+\"\n", "");
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO", "C+");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(state(w, "100_30_-10_10_00")).isEqualTo("finished");
        assertThat(w.queryString("SELECT postproc_error FROM pdr_model_jobs"))
                .isEqualTo("ONION C+: exited with code 5");
        assertThat(w.storage.resolve("m/oniongrid/ONION100_30_-10_10_00.jerg_CO.smli"))
                .exists();
    }

    @Test
    void speciesFlagDecidesWhichOnionRunsHappen() {
        Workspace w = workspace("*=ok", "");
        assertThat(run(w, "--dens", "30", "--chi", "10", "--species", "13CO").exitCode())
                .isZero();
        assertThat(w.storage.resolve("m/oniongrid/ONION100_30_-10_10_00.jerg_13CO.smli"))
                .exists();
        assertThat(w.storage.resolve("m/oniongrid/ONION100_30_-10_10_00.jerg_CO.smli"))
                .doesNotExist();
        assertThat(w.queryString("SELECT onion_species FROM pdr_model_jobs")).isEqualTo("13CO");
    }

    @Test
    void parallelWorkersRunEveryJobExactlyOnce() {
        Workspace w = workspace("*=sleep:0.2", "");
        Result r = run(
                w,
                "--dens",
                "30",
                "40",
                "50",
                "--chi",
                "10",
                "20",
                "30",
                "--species",
                "CO",
                "--parallel",
                "--workers",
                "3");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Job states: finished=9");
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE attempts = 1"))
                .isEqualTo(9);
        assertThat(w.count("hdf_files")).isEqualTo(9);
        assertThat(w.queryLong("SELECT COUNT(*) FROM job_events WHERE kind = 'started'"))
                .isEqualTo(9);
    }

    @Test
    void missingInputFailsTheJobNamingThePath() throws Exception {
        Workspace w = workspace("*=ok", "");
        Files.delete(w.home.resolve("onioninpdata/ONION3.INP.CO"));
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(w.queryString("SELECT postproc_error FROM pdr_model_jobs")).contains("ONION3.INP.CO");
    }

    @Test
    void placeholderLeftInAUserTemplateFailsTheJobNamingIt() throws Exception {
        Workspace w = workspace("*=ok", "");
        Path template = dir.resolve("my.json.template");
        Files.writeString(template, "{\"density\": KT_VARxnsur_, \"oops\": KT_VARnot_a_column_}\n");
        Result r = run(w, "--dens", "30", "--chi", "10", "--species", "CO", "--json-template", template.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(state(w, "100_30_-10_10_00")).isEqualTo("error");
        assertThat(w.queryString("SELECT error_message FROM pdr_model_jobs")).contains("KT_VARnot_a_column_");
    }

    @Test
    void badConfigurationExitsTwoAndRunsNothing() {
        Workspace w = workspace("*=ok", "");
        Result r = run(w, "--dens", "30", "--chi", "10", "--rerun", "finishd");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("finishd");
        assertThat(Files.exists(w.database)).isFalse();
    }
}
