package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;
import static pdrrun.run.process.ProcessFixtures.fastLimits;
import static pdrrun.run.process.ProcessFixtures.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch of models through the native helper, and without it or a usable setpriv. That a model dies with a runner killed by SIGKILL
 * is tested with real worker processes (pdrrun.queue.WorkerDeathTest).
 */
class ParentDeathSignalTest {
    /** setsid as found on the PATH once, so no exec searches the PATH for it. */
    private static final String SETSID = LaunchMechanism.onPath("setsid", System.getenv());

    @TempDir
    Path dir;

    @Test
    void helpersAreLookedUpOnThePathAsAbsolutePaths() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = script(bin, "tool", "exit 0\n");
        Files.writeString(dir.resolve("plain"), "not executable");
        Map<String, String> env = Map.of("PATH", dir.resolve("none") + ":" + dir + ":" + bin);

        assertThat(LaunchMechanism.onPath("tool", env)).isEqualTo(tool.toString());
        assertThat(LaunchMechanism.onPath("plain", env)).as("not executable").isEqualTo("plain");
        assertThat(LaunchMechanism.onPath("missing", env)).isEqualTo("missing");
        assertThat(LaunchMechanism.onPath("./tool", env)).isEqualTo("./tool");
        // A relative PATH entry names a folder from here, not from the run directory.
        String relative = Path.of("").toAbsolutePath().relativize(bin).toString();
        assertThat(LaunchMechanism.onPath("tool", Map.of("PATH", relative))).isEqualTo(tool.toString());
        assertThat(SETSID).as("setsid on this host's PATH").startsWith("/").endsWith("/setsid");
    }

    @Test
    void thisHostLaunchesThroughTheNativeHelperWhenTheBuildHasOne() {
        List<String> prefix = ParentDeathSignal.ofThisHost().prefix();
        boolean built = getClass().getClassLoader().getResource(LaunchHelper.resourceFolder() + "/pdr-launch") != null;
        if ("1".equals(System.getenv("PDR_REQUIRE_LAUNCH_HELPER"))) {
            assertThat(built)
                    .as("the build compiled pdr-launch (PDR_REQUIRE_LAUNCH_HELPER=1)")
                    .isTrue();
        }

        if (built) {
            assertThat(Path.of(prefix.get(0)).getFileName().toString()).startsWith("pdr-launch-");
            assertThat(prefix)
                    .hasSize(2)
                    .endsWith(Long.toString(ProcessHandle.current().pid()));
        } else {
            assertThat(prefix).endsWith(SETSID, "-w");
        }
    }

    @Test
    void throughTheHelperAModelLeadsItsOwnGroupAndSessionAsAChildOfTheRunner() throws Exception {
        ParentDeathSignal helper = ParentDeathSignal.probeHelper(installedHelper());
        script(dir, "model", "read -r _ _ _ ppid pgrp sid _ < /proc/$$/stat\necho \"$$ $ppid $pgrp $sid\"\n");

        ProcessResult result = new ModelProcess(Clock.systemUTC(), helper)
                .run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        assertThat(helper.available()).as(helper.unavailableBecause()).isTrue();
        assertThat(result.exitCode()).isZero();
        String[] ids = Files.readString(dir.resolve("log")).strip().split(" ");
        assertThat(ids[1])
                .as("parent")
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(ids[2]).as("process group").isEqualTo(ids[0]);
        assertThat(ids[3]).as("session").isEqualTo(ids[0]);
    }

    @Test
    void aProgramTheHelperCannotStartIsNamedInTheLogWithExitCode127Or126() throws Exception {
        ParentDeathSignal helper = ParentDeathSignal.probeHelper(installedHelper());
        Files.writeString(dir.resolve("plain"), "not executable");
        ModelProcess runner = new ModelProcess(Clock.systemUTC(), helper);

        ProcessResult missing = runner.run(Invocation.of(dir, Path.of("missing.log"), "./missing"), fastLimits());
        ProcessResult plain = runner.run(Invocation.of(dir, Path.of("plain.log"), "./plain"), fastLimits());

        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(Files.readString(dir.resolve("missing.log")))
                .isEqualTo("pdr-launch: failed to execute ./missing: No such file or directory\n");
        assertThat(plain.exitCode()).isEqualTo(126);
        assertThat(Files.readString(dir.resolve("plain.log"))).contains("./plain: Permission denied");
    }

    @Test
    void aRunnerThatIsTheFirstProcessOfItsContainerIsAccepted() throws Exception {
        // pid 1 is refused only as "not the parent" (137), never as a malformed pid (127).
        Process p = new ProcessBuilder(installedHelper().toString(), "1", "true")
                .redirectErrorStream(true)
                .start();

        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes())).doesNotContain("must be a process id");
        assertThat(p.exitValue()).isEqualTo(137);
    }

    @Test
    void theHelperStartsNothingWhenItsParentIsNotTheRunnerItWasGiven() throws Exception {
        Path helper = installedHelper();
        Path marker = dir.resolve("ran");
        // As if the runner had died between the fork and the signal: the parent is not the pid given.
        Process p = new ProcessBuilder(helper.toString(), "2", "touch", marker.toString())
                .redirectErrorStream(true)
                .start();

        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aHelperThatCannotStartAProgramIsNotUsedAndItsAnswerIsTheReason() throws Exception {
        Path broken = script(dir, "pdr-launch", "echo \"pdr-launch: cannot start $2\" >&2\nexit 127\n");

        ParentDeathSignal probed = ParentDeathSignal.probeHelper(broken);

        assertThat(probed.available()).isFalse();
        assertThat(probed.unavailableBecause()).contains("exit 127", "pdr-launch: cannot start true");
        assertThat(probed.prefix()).containsExactly(SETSID, "-w");
    }

    /** The helper this build made, installed into a cache folder of the test's own. */
    private Path installedHelper() throws Exception {
        return LaunchHelper.install(getClass().getClassLoader(), LaunchHelper.resourceFolder(), dir.resolve("cache"));
    }

    @Test
    void withoutSetprivModelsStillLeadTheirOwnGroupAndSession() throws Exception {
        ParentDeathSignal none =
                ParentDeathSignal.probe(dir.resolve("no-such-setpriv").toString());
        script(dir, "model", "read -r _ _ _ ppid pgrp sid _ < /proc/$$/stat\necho \"$$ $ppid $pgrp $sid\"\n");

        ProcessResult result = new ModelProcess(Clock.systemUTC(), none)
                .run(Invocation.of(dir, Path.of("log"), "./model"), fastLimits());

        assertThat(none.available()).isFalse();
        assertThat(none.unavailableBecause()).contains("no-such-setpriv not found");
        assertThat(none.prefix()).containsExactly(SETSID, "-w");
        assertThat(result.exitCode()).isZero();
        String[] ids = Files.readString(dir.resolve("log")).strip().split(" ");
        assertThat(ids[1]).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(ids[2]).as("process group").isEqualTo(ids[0]);
        assertThat(ids[3]).as("session").isEqualTo(ids[0]);
    }

    @Test
    void aSetprivThatDoesNotKnowPdeathsigIsNotUsedAndItsAnswerIsTheReason() throws Exception {
        Path old = script(dir, "setpriv", "echo \"setpriv: unrecognized option '$1'\" >&2\nexit 1\n");

        ParentDeathSignal probed = ParentDeathSignal.probe(old.toString());

        assertThat(probed.available()).isFalse();
        assertThat(probed.unavailableBecause()).contains("exit 1", "unrecognized option '--pdeathsig'");
        assertThat(probed.prefix()).containsExactly(SETSID, "-w");
    }

    @Test
    void aWorkingSetprivPrecedesSetsid() throws Exception {
        Path setpriv = script(dir, "setpriv", "[ \"$1 $2\" = '--pdeathsig KILL' ] && shift 2 && exec \"$@\"\nexit 1\n");

        ParentDeathSignal probed = ParentDeathSignal.probe(setpriv.toString());

        assertThat(probed.available()).isTrue();
        assertThat(probed.prefix()).containsExactly(setpriv.toString(), "--pdeathsig", "KILL", SETSID, "-w");
    }
}
