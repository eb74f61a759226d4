package pdrrun.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders made on demand. Stateless. */
public final class Folders {
    private Folders() {}

    /**
     * {@link Files#createDirectories}, asking first whether the folder is there: for a folder
     * that exists, which is nearly always, one stat instead of a failed mkdir, the exception it
     * becomes and a stat (dozens per job: every file stored, every program started).
     */
    public static void ensure(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
    }
}
