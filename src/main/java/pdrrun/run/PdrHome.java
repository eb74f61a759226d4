package pdrrun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;

/**
 * The KOSMA-tau installation: executables and input folders. Names default to the real code's.
 *
 * @param baseDir the PDR home (pdr.base_dir / PDR_BASE_DIR)
 * @param execDir folder of the executables (pdr.exec_path / PDR_EXEC_PATH, default the home)
 */
public record PdrHome(
        Path baseDir,
        Path execDir,
        String pdrExe,
        String onionExe,
        String getCtrlInd,
        String mrtExe,
        String chemDatabase,
        String chemOrigin) {

    public static final List<String> INPUT_FOLDERS = List.of("pdrinpdata", "onioninpdata", "In", "templates");

    public static PdrHome from(Config config) {
        String s = ConfigSchema.PDR;
        Path base = Path.of(config.string(s, "base_dir").orElse("."))
                .toAbsolutePath()
                .normalize();
        Path exec = config.string(s, "exec_path")
                .map(p -> base.resolve(p).normalize())
                .orElse(base);
        return new PdrHome(
                base,
                exec,
                config.string(s, "pdr_file_name").orElse("pdrexe"),
                config.string(s, "onion_file_name").orElse("onionexe"),
                config.string(s, "getctrlind_file_name").orElse("getctrlind"),
                config.string(s, "mrt_file_name").orElse("mrt.exe"),
                config.string(s, "chem_database").orElse("chem_rates_2022-10-21-ERS.dat"),
                config.string(s, "chem_origin").orElse(null));
    }

    /** Executable names in the order pdrexe, onionexe, getctrlind, mrt. */
    public List<String> executableNames() {
        return List.of(pdrExe, onionExe, getCtrlInd, mrtExe);
    }

    /** The chemical-rates file inside pdrinpdata/. */
    public Path chemDatabasePath() {
        return baseDir.resolve("pdrinpdata").resolve(chemDatabase);
    }

    /** Fails with the path named when the home or one of its executables is missing. */
    public void requireHome() {
        if (!Files.isDirectory(baseDir)) {
            throw new ConfigException(baseDir + ": PDR home not found; set pdr.base_dir (or PDR_BASE_DIR) to the "
                    + "folder holding pdrexe, onionexe, pdrinpdata/ and onioninpdata/");
        }
    }
}
