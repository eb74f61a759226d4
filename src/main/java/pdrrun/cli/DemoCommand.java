package pdrrun.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import pdrrun.run.DemoHome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pdr-run demo}: installs the bundled fake KOSMA-tau home, writes a configuration (SQLite
 * catalog and local storage under the demo folder) and runs a 3 x 3 grid with it.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Run a 3 x 3 demo grid with bundled fake KOSMA-tau executables.")
final class DemoCommand implements Callable<Integer> {
    static final String MODEL = "demo";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "D",
            description = "Folder for the demo: catalog, storage, PDR home and"
                    + " configuration (default: the catalog ./pdr.db and ./storage that pdr-run uses without a"
                    + " configuration, the rest in ./pdr-demo).")
    Path dir;

    @Option(names = "--workers", paramLabel = "N", description = "Jobs at once (default 2).")
    int workers = 2;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Without --dir the demo uses the default catalog and storage, so that `pdr-run status`,
        // `jobs`, `export` and `report` find it without a configuration.
        Path here = Path.of("").toAbsolutePath();
        Path root =
                dir == null ? here.resolve("pdr-demo") : dir.toAbsolutePath().normalize();
        Path catalog = dir == null ? here.resolve("pdr.db") : root.resolve("pdr.db");
        Path storage = dir == null ? here.resolve("storage") : root.resolve("storage");
        Path home = DemoHome.install(root.resolve("pdrhome"));
        Path config = root.resolve("config.yaml");
        write(
                config,
                "# pdr-run demo configuration: fake KOSMA-tau executables, SQLite catalog, local storage\n"
                        + "database:\n  type: sqlite\n  path: " + catalog + "\n"
                        + "storage:\n  type: local\n  base_dir: " + storage + "\n"
                        + "pdr:\n  model_name: " + MODEL + "\n  base_dir: " + home + "\n  chem_database: "
                        + DemoHome.CHEM_DATABASE + "\n  max_walltime_s: 60\n  stall_first_iteration_s: 30\n"
                        + "directories:\n  tmp_dir: " + root.resolve("tmp") + "\n"
                        + "model_parameters:\n  metal: [100]\n  dens: [30, 40, 50]\n  mass: [-10]\n  chi: [10, 20, 30]\n"
                        + "  species: [CO, C+]\n");
        out.println("demo folder: " + root + " (configuration " + config + ")");
        CommandLine run = new CommandLine(new RunCommand());
        run.setOut(out);
        run.setErr(spec.commandLine().getErr());
        run.setExecutionExceptionHandler(new ErrorHandler());
        int code = run.execute("--config", config.toString(), "--parallel", "--workers", Integer.toString(workers));
        out.println("outputs: " + storage.resolve(MODEL) + " (pdrgrid/, oniongrid/)");
        out.println("catalog: " + catalog);
        String withConfig = dir == null ? "" : " --config " + config;
        out.println("where it stands: ./pdr-run status" + withConfig + "; ./pdr-run report" + withConfig
                + " --out report.html");
        out.println("again with your own settings: ./pdr-run run --config " + config + " [--rerun all]");
        out.flush();
        return code;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
