package pdrrun.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (the build writes it), "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PdrRunCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "pdr-run " + (version == null ? "dev" : version), "Java " + System.getProperty("java.version")
        };
    }
}
