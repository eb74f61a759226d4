package pdrrun.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** Stands in for pdr-run's main class in {@link LauncherTest}: prints the JIT tier cap it got. */
public final class LauncherJitProbe {
    private LauncherJitProbe() {}

    public static void main(String[] args) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        System.out.println(
                "TieredStopAtLevel=" + vm.getVMOption("TieredStopAtLevel").getValue());
    }
}
