package pdrrun.run.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which processes work in a folder, from Linux's {@code /proc}. Stateless. */
public final class WorkingDirectories {
    private WorkingDirectories() {}

    /**
     * Whether a process other than this JVM has its working directory in {@code folder} or below:
     * one a job started that left its process group (its own setsid) and outlived the job, or one
     * stuck in uninterruptible I/O that survived SIGKILL. False when there is no {@code /proc};
     * processes whose working directory this user may not read are not seen.
     */
    public static boolean anyIn(Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            return false;
        }
        String self = Long.toString(ProcessHandle.current().pid());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ProcStat.PROC, ProcStat::isPidDirectory)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equals(self)) {
                    continue;
                }
                try {
                    if (Files.readSymbolicLink(entry.resolve("cwd")).startsWith(real)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // gone meanwhile, a zombie, or another user's
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
