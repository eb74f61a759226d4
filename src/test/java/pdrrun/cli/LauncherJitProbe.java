package pdrrun.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/** Stands in for pdr-run's main class in {@link LauncherTest}: prints the compiler and collector options it got. */
public final class LauncherJitProbe {
    private LauncherJitProbe() {}

    public static void main(String[] args) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String option : new String[] {
            "TieredStopAtLevel", "Tier4InvocationThreshold", "UseSerialGC", "MetaspaceSize", "InitialRAMPercentage"
        }) {
            System.out.println(option + "=" + vm.getVMOption(option).getValue());
        }
    }
}
