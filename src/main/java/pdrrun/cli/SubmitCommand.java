package pdrrun.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import pdrrun.catalog.Catalog;
import pdrrun.catalog.DatabaseSettings;
import pdrrun.catalog.GridRegistrar;
import pdrrun.catalog.RegistrationRequest;
import pdrrun.catalog.RegistrationResult;
import pdrrun.config.Config;
import pdrrun.grid.GridSpec;
import pdrrun.run.GridSubmission;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pdr-run submit}: registers a grid's jobs as pending without running them. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Register a grid's models as pending jobs in the catalog (nothing runs).")
final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GridOptions grid;

    @Option(names = "--dry-run", description = "Print the resolved configuration and grid size; write nothing.")
    boolean dryRun;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    boolean verbose;

    @Mixin
    SlurmOptions slurm;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config config = grid.resolve();
        Warnings.print(config, spec.commandLine().getErr());
        if (dryRun) {
            GridSpec gridSpec = GridSpec.from(config);
            GridSubmission.modelName(config);
            DryRun.print(config, out);
            out.printf(
                    "grid: %d points%s; model '%s'; database %s%n",
                    gridSpec.size(),
                    gridSpec.random() ? " (random, seed " + gridSpec.seed() + ")" : "",
                    GridSubmission.modelName(config),
                    DatabaseSettings.from(config, 1).describe());
            out.println("dry run: nothing was written");
            return ExitCodes.OK;
        }
        RegistrationRequest request = GridSubmission.prepare(config);
        DatabaseSettings db = DatabaseSettings.from(config, 1);
        try (Catalog catalog = Catalog.open(db)) {
            RegistrationResult result = new GridRegistrar(catalog, Clock.systemUTC()).register(request);
            out.printf(
                    "%d new jobs, %d already registered (model '%s', %s)%n",
                    result.newJobs(), result.alreadyRegistered(), request.modelName(), db.describe());
        }
        if (slurm.requested()) {
            slurm.submit(grid.config, request.modelName(), out);
        }
        return ExitCodes.OK;
    }
}
