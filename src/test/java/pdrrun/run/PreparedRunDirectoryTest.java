package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pdrrun.testing.Workspace;
import pdrrun.testing.Workspace.Result;

/**
 * Run directories made ahead (while another model runs) are what {@link RunDirectory#create} would
 * have made, never show a home whose input files changed meanwhile, and none is left behind.
 */
class PreparedRunDirectoryTest {
    @TempDir
    Path dir;

    private PdrHome home() {
        Path base = dir.resolve("home");
        DemoHome.install(base);
        return new PdrHome(base, base, "pdrexe", "onionexe", "getctrlind", "mrt.exe", DemoHome.CHEM_DATABASE, null);
    }

    private static String tree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return String.join(
                    "\n",
                    walk.map(p -> root.relativize(p)
                                    + (Files.isSymbolicLink(p) ? " -> " : "")
                                    + (Files.isSymbolicLink(p) ? readLink(p) : ""))
                            .sorted()
                            .toList());
        }
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAdoptedFolderHoldsWhatANewOneHoldsUnderTheJobsName() throws Exception {
        PdrHome home = home();
        RunDirectory made = RunDirectory.create(dir.resolve("a"), "100_30_-10_10_00", 7, home, InputMode.LINK, true);
        RunDirectory ready = RunDirectory.prepare(dir.resolve("b"), home);
        assertThat(ready.root().getFileName().toString()).startsWith("pdr-next-");

        RunDirectory adopted = ready.adopt("100_30_-10_10_00", 7, home, true).orElseThrow();

        assertThat(adopted.root().getFileName().toString()).startsWith("pdr-job7-100_30_-10_10_00-");
        assertThat(ready.root()).doesNotExist();
        assertThat(tree(adopted.root())).isEqualTo(tree(made.root()));
    }

    @Test
    void foldersGivenBackInTheBackgroundAreReusedAndNoneIsLeftOnceThePoolIsDiscarded() throws Exception {
        PdrHome home = home();
        Path scratch = dir.resolve("scratch");
        RunDirectoryPool pool = new RunDirectoryPool(scratch, home, InputMode.LINK);
        pool.keepAhead(2);
        pool.fill();
        RunDirectory first = pool.take("100_30_-10_10_00", 7, true);
        RunDirectory second = pool.take("100_40_-10_10_00", 8, true);
        Files.writeString(first.resolve("pdroutput/TEXTOUT"), "left by the job\n");
        pool.giveBackLater(first);
        pool.giveBackLater(second);

        pool.discard();

        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left.toList()).as("nothing left in " + scratch).isEmpty();
        }
    }

    @Test
    void aFolderGivenBackInTheBackgroundServesTheNextJob() throws Exception {
        PdrHome home = home();
        Path scratch = dir.resolve("scratch");
        RunDirectoryPool pool = new RunDirectoryPool(scratch, home, InputMode.LINK);
        pool.keepAhead(1);
        RunDirectory used = pool.take("100_30_-10_10_00", 7, true);
        Object inode = Files.getAttribute(
                used.resolve("onioninpdata/ONION3.INP.CO"), "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        pool.giveBackLater(used);

        pool.awaitRecycler();
        RunDirectory next;
        next = pool.take("100_40_-10_10_00", 8, true);
        assertThat(Files.getAttribute(
                        next.resolve("onioninpdata/ONION3.INP.CO"),
                        "unix:ino",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("the same folder, its links kept")
                .isEqualTo(inode);
        pool.giveBackLater(next);
        pool.discard();
    }

    @Test
    void aFolderMadeBeforeTheHomesInputsChangedIsNotUsed() throws Exception {
        PdrHome home = home();
        RunDirectory ready = RunDirectory.prepare(dir.resolve("b"), home);
        Files.writeString(home.baseDir().resolve("onioninpdata/ONION3.INP.HCN"), "HCN\n");

        assertThat(ready.adopt("100_30_-10_10_00", 7, home, true)).isEmpty();
        assertThat(ready.root()).doesNotExist();
        RunDirectory fresh = RunDirectory.prepare(dir.resolve("b"), home);
        assertThat(fresh.adopt("100_30_-10_10_00", 7, home, true).orElseThrow().resolve("onioninpdata/ONION3.INP.HCN"))
                .exists();
    }

    @Test
    void aMissingInputStillFailsTheJobThatWouldAdoptTheFolder() throws Exception {
        PdrHome home = home();
        RunDirectory ready = RunDirectory.prepare(dir.resolve("b"), home);
        Files.delete(home.chemDatabasePath());

        assertThatThrownBy(() -> ready.adopt("100_30_-10_10_00", 7, home, false))
                .isInstanceOf(RunPreparationException.class)
                .hasMessageContaining(home.chemDatabasePath().toString());
    }

    @Test
    void aFolderEmptiedAfterItsJobServesTheNextAsANewOneWouldWithoutMakingItsLinksAgain() throws Exception {
        PdrHome home = home();
        RunDirectory used = RunDirectory.create(dir.resolve("a"), "100_30_-10_10_00", 7, home, InputMode.LINK, true);
        String fresh = tree(RunDirectory.prepare(dir.resolve("b"), home).root());
        Path link = used.resolve("onioninpdata/ONION3.INP.CO");
        Object inode = Files.getAttribute(link, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        // What a job leaves: outputs, copied inputs, folders of its own, a link out of the folder.
        Files.writeString(used.resolve("pdroutput/TEXTOUT"), "log\n");
        Files.writeString(used.resolve("Out/mcdrt.out"), "out\n");
        Files.writeString(used.resolve("ONION3.INP"), "CO\n");
        Files.createDirectories(used.resolve("scratch/deeper"));
        Files.writeString(used.resolve("scratch/deeper/x"), "x\n");
        Files.createSymbolicLink(used.resolve("home"), home.baseDir());
        long homeFiles;
        try (Stream<Path> all = Files.walk(home.baseDir())) {
            homeFiles = all.count();
        }

        RunDirectory next = used.recycle().orElseThrow();

        assertThat(used.root()).doesNotExist();
        assertThat(next.root().getFileName().toString()).startsWith("pdr-next-");
        assertThat(tree(next.root())).as("as made anew").isEqualTo(fresh);
        assertThat(Files.getAttribute(
                        next.resolve("onioninpdata/ONION3.INP.CO"),
                        "unix:ino",
                        java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("the same link, not made again")
                .isEqualTo(inode);
        try (Stream<Path> all = Files.walk(home.baseDir())) {
            assertThat(all.count()).as("nothing removed through a link").isEqualTo(homeFiles);
        }
        RunDirectory adopted = next.adopt("100_40_-10_10_00", 8, home, true).orElseThrow();
        assertThat(tree(adopted.root())).isEqualTo(fresh);
    }

    @Test
    void aFolderWhoseJobRemovedOrReplacedAnInputOrWhoseInputsWereCopiedIsRemovedNotReused() throws Exception {
        PdrHome home = home();
        RunDirectory removed = RunDirectory.create(dir.resolve("a"), "100_30_-10_10_00", 7, home, InputMode.LINK, true);
        Files.delete(removed.resolve("onioninpdata/ONION3.INP.CO"));
        RunDirectory replaced =
                RunDirectory.create(dir.resolve("a"), "100_30_-10_10_00", 7, home, InputMode.LINK, true);
        Files.delete(replaced.resolve("pdrinpdata/chem_rates.dat"));
        Files.createSymbolicLink(
                replaced.resolve("pdrinpdata/chem_rates.dat"), home.baseDir().resolve("pdrexe"));
        RunDirectory copied = RunDirectory.create(dir.resolve("a"), "100_40_-10_10_00", 8, home, InputMode.COPY, true);

        for (RunDirectory d : java.util.List.of(removed, replaced, copied)) {
            assertThat(d.recycle()).as(d.root().toString()).isEmpty();
            assertThat(d.root()).doesNotExist();
        }
        assertThat(home.chemDatabasePath()).exists();
    }

    @Test
    void aFolderAProcessStillWorksInIsRemovedNotReused() throws Exception {
        PdrHome home = home();
        RunDirectory used = RunDirectory.create(dir.resolve("a"), "100_30_-10_10_00", 7, home, InputMode.LINK, true);
        // A process of the job that outlived it (left its group, or stuck in I/O).
        Process survivor = new ProcessBuilder("sleep", "60")
                .directory(used.resolve("pdroutput").toFile())
                .start();
        try {
            assertThat(used.recycle()).isEmpty();
            assertThat(used.root()).doesNotExist();
        } finally {
            survivor.destroyForcibly().waitFor();
        }
    }

    @Test
    void aJobInAReusedFolderFindsNothingAnEarlierJobLeftThere() throws Exception {
        Workspace w = Workspace.in(dir.resolve("ws"));
        // Post-processing runs in the run directory: each job leaves a file and a link there, and
        // fails if it finds those of another job.
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: LITTER\n"
                        + "      command: [bash, -c, \"if ls litter_* 2>/dev/null; then exit 3; fi; echo x > litter_$PDR_JOB_ID;"
                        + " ln -s / litter_link_$PDR_JOB_ID; mkdir -p pdroutput/litter\"]\n"
                        + "      timeout_s: 10\n",
                "");

        Result r = w.runPoints(java.util.List.of("10", "20", "30"));

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryLong(
                        "SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished' AND postproc_error IS NULL"))
                .isEqualTo(3);
        try (Stream<Path> left = Files.list(w.dir.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRunMakingFoldersAheadLeavesNoneBehind() throws Exception {
        Workspace w = Workspace.in(dir.resolve("ws"));

        Result r = w.runPoints(java.util.List.of("10", "20", "30"), "--parallel", "--workers", "2");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(w.queryLong("SELECT COUNT(*) FROM pdr_model_jobs WHERE status = 'finished'"))
                .isEqualTo(3);
        try (Stream<Path> left = Files.list(w.dir.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFolderMadeAheadForAJobThatCannotRunIsRemovedAndTheJobFailsAsWithoutIt() throws Exception {
        Workspace w = Workspace.in(dir.resolve("ws"));
        // The first job's post-processing removes the ONION inputs: the folder made after it
        // cannot serve the third job, which needs them.
        w.writeConfig(
                "  postprocessing:\n"
                        + "    - name: BREAK\n"
                        + "      command: [bash, -c, \"[ $PDR_JOB_ID != 1 ] || rm -r "
                        + w.home.resolve("onioninpdata") + "\"]\n"
                        + "      timeout_s: 10\n",
                "");

        Result r = w.runPoints(java.util.List.of("10", "20", "30"));

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(w.queryString("SELECT status FROM pdr_model_jobs WHERE id = 3"))
                .isEqualTo("error");
        assertThat(w.queryString("SELECT error_message FROM pdr_model_jobs WHERE id = 3"))
                .contains("onioninpdata: input folder not found in the PDR home (needed for ONION)");
        try (Stream<Path> left = Files.list(w.dir.resolve("tmp"))) {
            assertThat(left).isEmpty();
        }
    }
}
