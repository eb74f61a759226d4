package pdrrun.storage;

/** Run in a JVM of chosen options by {@link ServerCompilerTest}: prints what the check sees, then warns twice. */
public final class ServerCompilerProbe {
    private ServerCompilerProbe() {}

    public static void main(String[] args) {
        System.out.println("available=" + ServerCompiler.available());
        ServerCompiler.warnIfMissingFor("SFTP");
        ServerCompiler.warnIfMissingFor("SFTP");
    }
}
