package pdrrun.bench;

import java.nio.file.Path;
import pdrrun.run.DemoHome;

/** Writes the demo PDR home into a folder; used by the benchmark scripts. */
public final class InstallDemoHome {
    private InstallDemoHome() {}

    public static void main(String[] args) {
        System.out.println(DemoHome.install(Path.of(args[0])));
    }
}
