package pdrrun.run.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PidWindowTest {

    @Test
    void aWindowWithoutWrapHoldsThePidsFromItsFirstToItsLast() {
        PidWindow w = new PidWindow(1000, 1005);
        assertThat(w.contains(999)).isFalse();
        assertThat(w.contains(1000)).isTrue();
        assertThat(w.contains(1005)).isTrue();
        assertThat(w.contains(1006)).isFalse();
    }

    @Test
    void aWrappedWindowHoldsTheTopAndTheBottomOfThePidRange() {
        PidWindow w = new PidWindow(4_194_000, 350);
        assertThat(w.contains(4_194_303)).isTrue();
        assertThat(w.contains(4_194_000)).isTrue();
        assertThat(w.contains(300)).isTrue();
        assertThat(w.contains(351)).isFalse();
        assertThat(w.contains(4_193_999)).isFalse();
    }

    @Test
    void theLastPidAllocatedIsTheWholeNumberTheKernelGives() throws Exception {
        Process p = new ProcessBuilder("true").start();
        try {
            long last = PidWindow.lastAllocated().orElseThrow();
            String kernel = new String(new ProcessBuilder("cat", "/proc/sys/kernel/ns_last_pid")
                            .start()
                            .getInputStream()
                            .readAllBytes())
                    .trim();
            // The cat started after this read, so the kernel's number is one or more beyond it.
            assertThat(last).isGreaterThanOrEqualTo(p.pid()).isLessThan(Long.parseLong(kernel));
        } finally {
            p.waitFor();
        }
    }

    @Test
    void aWindowSinceAPidIncludesTheProcessesStartedSinceAndIsSmallEnoughToLookAtOneByOne() throws Exception {
        Process first = new ProcessBuilder("sleep", "5").start();
        Process after = new ProcessBuilder("sleep", "5").start();
        try {
            PidWindow w = PidWindow.since(first.pid()).orElseThrow();
            assertThat(w.first()).isLessThanOrEqualTo(w.last());
            assertThat(w.few().orElseThrow().boxed().toList()).contains(first.pid(), after.pid());
        } finally {
            first.destroyForcibly();
            after.destroyForcibly();
        }
    }

    @Test
    void theKernelsWindowHoldsProcessesStartedAfterItsFirstButNotBefore() throws Exception {
        Process before = new ProcessBuilder("sleep", "5").start();
        Process first = new ProcessBuilder("sleep", "5").start();
        Process after = new ProcessBuilder("sleep", "5").start();
        try {
            PidWindow w = PidWindow.since(first.pid()).orElseThrow();
            assertThat(w.contains(first.pid())).isTrue();
            assertThat(w.contains(after.pid())).isTrue();
            assertThat(w.contains(before.pid())).isFalse();
        } finally {
            before.destroyForcibly();
            first.destroyForcibly();
            after.destroyForcibly();
        }
    }
}
