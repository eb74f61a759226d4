package pdrrun.run.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * One line of Linux's {@code /proc/<pid>/stat}: what Java's ProcessHandle does not tell, the
 * process group and session. Reads are snapshots; a process may be gone a moment later.
 */
record ProcStat(long pid, char state, long parent, long group, long session) {

    static final Path PROC = Path.of("/proc");

    /** A zombie or dead entry holds no resources and cannot be signalled away. */
    boolean live() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** The process {@code pid}, or empty when it does not exist (or /proc is unavailable). */
    static Optional<ProcStat> of(long pid) {
        try {
            return Optional.of(
                    parse(pid, Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process still runs. Unlike {@link ProcessHandle#isAlive()} a zombie counts as
     * dead: it has exited and only waits for its parent (init, for an orphan) to collect it, which
     * some container inits do only every few seconds.
     */
    static boolean running(ProcessHandle h) {
        return h.isAlive() && of(h.pid()).map(ProcStat::live).orElse(false);
    }

    /** Live (non-zombie) processes whose process group is {@code group}. */
    static List<ProcStat> liveMembersOf(long group) {
        return liveMembersOf(group, null);
    }

    /**
     * Live (non-zombie) processes whose process group is {@code group}, reading only the pids in
     * {@code window} (all when null).
     */
    static List<ProcStat> liveMembersOf(long group, PidWindow window) {
        List<ProcStat> members = new ArrayList<>();
        for (long pid : pids(window)) {
            of(pid).filter(s -> s.group == group && s.live()).ifPresent(members::add);
        }
        return members;
    }

    /**
     * The pids of the processes there are now, those in {@code window} only (all when null); empty
     * when there is no /proc. A window of a few pids has each looked up directly instead of every
     * process listed (java.io.File answers for one that does not exist without the exception
     * Files would throw).
     */
    static List<Long> pids(PidWindow window) {
        Optional<LongStream> few = window == null ? Optional.empty() : window.few();
        if (few.isPresent()) {
            return few.get()
                    .filter(pid -> new File("/proc/" + pid).exists())
                    .boxed()
                    .toList();
        }
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, ProcStat::isPidDirectory)) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (window == null || window.contains(pid)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // No /proc: the callers fall back on what ProcessHandle knows.
        }
        return pids;
    }

    static boolean isPidDirectory(Path entry) {
        String name = entry.getFileName().toString();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // The command name in parentheses may itself contain blanks and ')', so fields are counted
    // from the LAST ')'.
    static ProcStat parse(long pid, String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 6);
        return new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }
}
