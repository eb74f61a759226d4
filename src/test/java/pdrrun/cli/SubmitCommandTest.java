package pdrrun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

class SubmitCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        CommandRunner.environment(null);
    }

    private Result submit(Workspace w, String... extra) {
        String[] base = {
            "submit", "--config", w.config.toString(), "--model-name", "t", "--metal", "100", "--mass", "-10"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Workspace.run(args);
    }

    @Test
    void registersSixPendingJobsAndNoneOnTheSecondRun() {
        Workspace w = Workspace.in(dir);
        Result first = submit(w, "--dens", "30", "40", "--chi", "10", "20", "30");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("6 new jobs, 0 already registered");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(6);
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'pending' AND pending = 1"
                        + " AND active = 0"))
                .isEqualTo(6);

        Result second = submit(w, "--dens", "30", "40", "--chi", "10", "20", "30");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("0 new jobs, 6 already registered");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(6);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(6);
        assertThat(w.count("model_names")).isEqualTo(1);
        assertThat(w.count("kosmatau_executables")).isEqualTo(4);
        assertThat(w.count("users")).isEqualTo(1);
        assertThat(w.count("chemical_databases")).isEqualTo(1);
    }

    @Test
    void jobNamesKeepTheEncodedStringsVerbatim() {
        Workspace w = Workspace.in(dir);
        assertThat(submit(w, "--dens", "05", "--chi", "-05").exitCode()).isZero();
        assertThat(w.queryString("SELECT model_job_name FROM pdr_model_jobs")).isEqualTo("100_05_-10_-05_00");
    }

    @Test
    void badGridValueExitsTwoQuotesTheValueAndWritesNothing() {
        Workspace w = Workspace.in(dir);
        assertThat(submit(w, "--dens", "30", "--chi", "10").exitCode()).isZero();
        Result bad = submit(w, "--dens", "3O", "40", "--chi", "10");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'3O'").contains("10*log10").doesNotContain("Exception");
        assertThat(bad.err().strip().lines()).hasSize(1);
        assertThat(w.count("pdr_model_jobs")).isEqualTo(1);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(1);
    }

    @Test
    void everyKindOfNonNumberIsRejectedBeforeTheCatalogIsCreated() {
        Workspace w = Workspace.in(dir);
        for (String bad : new String[] {"3O", "", "1e2", "nan", "inf", ".5", "1,5"}) {
            Result r = submit(w, "--dens", bad, "--chi", "10");
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("'" + bad + "'");
        }
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void modelNamesThatEscapeTheStorageFolderAreRejected() {
        Workspace w = Workspace.in(dir);
        for (String name : new String[] {"..", "../x", "a/b", ".hidden", "a..b"}) {
            Result r = Workspace.run(
                    "submit",
                    "--config",
                    w.config.toString(),
                    "--model-name",
                    name,
                    "--metal",
                    "100",
                    "--dens",
                    "30",
                    "--mass",
                    "-10",
                    "--chi",
                    "10");
            assertThat(r.exitCode()).as(name).isEqualTo(2);
            assertThat(r.err()).as(name).contains("--model-name");
        }
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void missingPdrHomeIsAClearErrorAndNothingIsWritten() throws Exception {
        Workspace w = Workspace.in(dir);
        Files.writeString(
                w.config,
                Files.readString(w.config)
                        .replace(w.home.toString(), dir.resolve("nowhere").toString()));
        Result r = submit(w, "--dens", "30", "--chi", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("nowhere").toString()).contains("PDR home");
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void missingExecutableIsNamedAndNothingIsWritten() throws Exception {
        Workspace w = Workspace.in(dir);
        Files.delete(w.home.resolve("onionexe"));
        Result r = submit(w, "--dens", "30", "--chi", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(w.home.resolve("onionexe").toString());
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void dryRunMasksThePasswordAndWritesNothing() {
        Workspace w = Workspace.in(dir);
        CommandRunner.environment(Map.of("PDR_DB_PASSWORD", "s3cret", "PDR_STORAGE_PASSWORD", "t0psecret"));
        Result r = submit(w, "--dens", "30", "40", "--chi", "10", "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out() + r.err()).doesNotContain("s3cret").doesNotContain("t0psecret");
        assertThat(r.out())
                .contains("password: ********")
                .contains("grid: 2 points")
                .contains("env PDR_DB_PASSWORD");
        assertThat(Files.exists(w.database)).isFalse();
    }

    @Test
    void serverDatabaseWithoutSettingsListsEverythingToSetInOneMessage() {
        Workspace w = Workspace.in(dir);
        CommandRunner.environment(Map.of("PDR_DB_TYPE", "mysql"));
        Result r = submit(w, "--dens", "30", "--chi", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err())
                .contains("database.host")
                .contains("database.database")
                .contains("database.username")
                .contains("database.password");
    }

    @Test
    void randomGridIsReproducibleWithASeed() {
        Workspace w = Workspace.in(dir);
        Result r =
                submit(w, "--dens", "20", "60", "--chi", "0", "30", "--random", "--random-count", "7", "--seed", "42");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String first = w.queryString("SELECT group_concat(model_job_name, ',') FROM (SELECT model_job_name FROM "
                + "pdr_model_jobs ORDER BY id)");
        Result again =
                submit(w, "--dens", "20", "60", "--chi", "0", "30", "--random", "--random-count", "7", "--seed", "42");
        assertThat(again.out()).contains("0 new jobs");
        assertThat(first).isNotBlank();
    }

    @Test
    void changedParametersUnderAnExistingModelNameAreRefusedWithoutWriting() {
        Workspace w = Workspace.in(dir);
        assertThat(submit(w, "--dens", "30", "--chi", "10").exitCode()).isZero();
        w.writeConfig("non_default_parameters:\n  cosray: 1.0e-16\n");
        Result r = submit(w, "--dens", "30", "40", "--chi", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("100_30_-10_10_00").contains("--model-name");
        assertThat(w.count("pdr_model_jobs")).isEqualTo(1);
        assertThat(w.count("kosmatau_parameters")).isEqualTo(1);
    }

    @Test
    void helpAndVersionWork() {
        assertThat(Workspace.run("--help").out()).contains("submit");
        assertThat(Workspace.run("submit", "--help").out()).contains("--dens").contains("--dry-run");
        assertThat(Workspace.run("--version").out()).contains("pdr-run");
    }
}
