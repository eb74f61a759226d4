package pdrrun.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs the KOSMA-tau {@code Out/} folder of a run into {@code MCDRT<job>.tar.gz}, as {@code tar
 * czf MCDRT<job>.tar.gz Out} would: entry names start with the folder's own name ({@code Out/},
 * {@code Out/file}), POSIX long names and big numbers. The archive depends on content only: entries
 * sorted by name, fixed modification time (the epoch), owner 0 with empty names, modes 0755 for
 * folders and executables and 0644 otherwise, so the same outputs always give the same bytes and
 * the same sha256. Stateless, thread-safe.
 */
public final class OutArchive {
    private static final FileTime FIXED_TIME = FileTime.from(Instant.EPOCH);

    private OutArchive() {}

    /**
     * Writes {@code target} (replacing it) from {@code folder}; an empty folder gives an archive with
     * just the folder entry. On failure no partial {@code target} is left.
     *
     * @return {@code target}
     * @throws StorageException NOT_FOUND if {@code folder} is missing, PERMISSION, NO_SPACE, OTHER
     */
    public static Path tarGz(Path folder, Path target) {
        String operation = "archiving folder " + folder + " as " + target;
        if (!Files.isDirectory(folder)) {
            throw new StorageException(
                    StorageException.Kind.NOT_FOUND, folder.toString(), operation + " failed: no such folder");
        }
        try {
            GzipParameters gzip = new GzipParameters();
            gzip.setModificationInstant(Instant.EPOCH);
            gzip.setOS(GzipParameters.OS.UNIX);
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                    TarArchiveOutputStream tar =
                            new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gzip))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Member member : members(folder)) {
                    add(tar, member);
                }
                tar.finish();
            }
            return target;
        } catch (IOException e) {
            deleteQuietly(target);
            throw StorageException.from(e, folder.toString(), operation);
        } catch (RuntimeException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /**
     * Archives one small entry in memory: loads and initialises the archive and compression code
     * ahead of a job's first archive (see KosmaTauPipeline#warmUpInBackground).
     */
    public static void warmUp() throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(new java.io.ByteArrayOutputStream(), new GzipParameters()))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            org.apache.commons.compress.archivers.tar.TarArchiveEntry entry =
                    new org.apache.commons.compress.archivers.tar.TarArchiveEntry("Out/");
            entry.setModTime(FIXED_TIME);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            tar.finish();
        }
    }

    /** A file or folder to archive and its entry name ('/'-separated, starting with the folder name). */
    private record Member(Path file, String name) {}

    private static List<Member> members(Path folder) throws IOException {
        String root = folder.getFileName().toString();
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.map(file -> new Member(file, entryName(root, folder.relativize(file))))
                    .sorted(Comparator.comparing(Member::name))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // an unreadable sub-folder met during the walk
        }
    }

    private static String entryName(String root, Path relative) {
        StringBuilder name = new StringBuilder(root);
        for (Path segment : relative) {
            if (!segment.toString().isEmpty()) {
                name.append('/').append(segment);
            }
        }
        return name.toString();
    }

    private static void add(TarArchiveOutputStream tar, Member member) throws IOException {
        Path file = member.file();
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(file)) {
            entry = new TarArchiveEntry(member.name(), TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(file).toString());
            entry.setMode(0120777);
        } else if (Files.isDirectory(file)) {
            entry = new TarArchiveEntry(member.name() + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        } else {
            entry = new TarArchiveEntry(member.name());
            entry.setSize(Files.size(file));
            entry.setMode(Files.isExecutable(file) ? 0100755 : TarArchiveEntry.DEFAULT_FILE_MODE);
        }
        entry.setModTime(FIXED_TIME);
        entry.setIds(0, 0);
        entry.setNames("", "");
        tar.putArchiveEntry(entry);
        if (entry.isFile()) {
            Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            // the original failure is what matters; a stale target is overwritten by the next attempt
        }
    }
}
