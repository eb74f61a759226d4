package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutArchiveTest {
    private static final String LONG_NAME = "line_intensities_" + "x".repeat(120) + ".dat";

    @TempDir
    Path dir;

    private Path outFolder() throws IOException {
        Path out = Files.createDirectories(dir.resolve("run/Out"));
        Files.writeString(out.resolve("mcdrt.out"), "tau profile\n");
        Files.writeString(out.resolve("ab.dat"), "abundances\n");
        Files.writeString(out.resolve(LONG_NAME), "long\n");
        Files.createDirectories(out.resolve("species"));
        Files.write(out.resolve("species/CO.dat"), TestFiles.randomBytes(30_000, 11));
        return out;
    }

    @Test
    void archiveHoldsTheFolderUnderItsOwnNameSortedWithContents() throws IOException {
        Path out = outFolder();
        Path archive = OutArchive.tarGz(out, dir.resolve("MCDRT100_30_-10_10_00.tar.gz"));

        Map<String, byte[]> entries = read(archive);
        assertThat(entries.keySet())
                .containsExactly(
                        "Out/",
                        "Out/ab.dat",
                        "Out/" + LONG_NAME,
                        "Out/mcdrt.out",
                        "Out/species/",
                        "Out/species/CO.dat");
        assertThat(new String(entries.get("Out/mcdrt.out"), StandardCharsets.UTF_8))
                .isEqualTo("tau profile\n");
        assertThat(entries.get("Out/species/CO.dat")).isEqualTo(TestFiles.randomBytes(30_000, 11));
        assertThat(entries.get("Out/" + LONG_NAME)).isEqualTo("long\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sameContentGivesIdenticalBytesWhateverTheFileTimes() throws IOException {
        Path out = outFolder();
        byte[] first = Files.readAllBytes(OutArchive.tarGz(out, dir.resolve("first.tar.gz")));
        Files.setLastModifiedTime(out.resolve("mcdrt.out"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        byte[] second = Files.readAllBytes(OutArchive.tarGz(out, dir.resolve("second.tar.gz")));
        assertThat(second).isEqualTo(first);

        Files.writeString(out.resolve("mcdrt.out"), "other profile\n");
        byte[] changed = Files.readAllBytes(OutArchive.tarGz(out, dir.resolve("third.tar.gz")));
        assertThat(changed).isNotEqualTo(first);
    }

    @Test
    void emptyFolderGivesAnArchiveWithOnlyTheFolderEntry() throws IOException {
        Path out = Files.createDirectories(dir.resolve("empty/Out"));
        Map<String, byte[]> entries = read(OutArchive.tarGz(out, dir.resolve("MCDRT1.tar.gz")));
        assertThat(entries.keySet()).containsExactly("Out/");
    }

    @Test
    void systemTarListsTheSameEntries() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/tar")), "no tar on this machine");
        Path archive = OutArchive.tarGz(outFolder(), dir.resolve("MCDRT2.tar.gz"));
        Process tar = new ProcessBuilder("/bin/tar", "-tzf", archive.toString())
                .redirectErrorStream(true)
                .start();
        List<String> listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(tar.waitFor()).isZero();
        assertThat(listed).containsExactlyElementsOf(read(archive).keySet());
    }

    @Test
    void missingFolderIsNotFoundAndLeavesNoArchive() {
        Path target = dir.resolve("MCDRT3.tar.gz");
        assertThatThrownBy(() -> OutArchive.tarGz(dir.resolve("nowhere/Out"), target))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("nowhere/Out");
                });
        assertThat(target).doesNotExist();
    }

    private static Map<String, byte[]> read(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }
}
