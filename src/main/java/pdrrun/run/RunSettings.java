package pdrrun.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pdrrun.config.Config;
import pdrrun.config.ConfigException;
import pdrrun.config.ConfigSchema;
import pdrrun.run.process.ProcessLimits;
import pdrrun.storage.CompressionPolicy;

/**
 * How jobs run: PDR home, templates, limits, folders and post-processing, resolved once per
 * command from the configuration and flags. Immutable.
 */
public record RunSettings(
        PdrHome home,
        TemplateSource jsonTemplate,
        Optional<TemplateSource> pdrinpTemplate,
        ProcessLimits limits,
        Duration onionTimeout,
        Path scratch,
        boolean keepTmp,
        InputMode inputMode,
        boolean forceOnion,
        Optional<List<String>> speciesOverride,
        List<PostprocessingStep> postprocessing,
        CompressionPolicy compression,
        boolean takeOutputs,
        Optional<Integer> cpus,
        Map<String, String> environment,
        List<String> warnings) {

    /**
     * @throws ConfigException for a template that is configured but found nowhere, or bad values
     */
    public static RunSettings from(
            Config config,
            boolean keepTmpFlag,
            boolean forceOnion,
            Optional<List<String>> speciesOverride,
            Optional<Integer> cpus) {
        String s = ConfigSchema.PDR;
        PdrHome home = PdrHome.from(config);
        Path workDir = Path.of("").toAbsolutePath();
        List<String> warnings = new ArrayList<>();
        List<Path> searched = new ArrayList<>();
        TemplateSource json = TemplateLocator.locate(
                        config.string(s, "json_template_file").orElse(null),
                        TemplateSource.PDR_CONFIG_JSON,
                        home,
                        workDir,
                        searched)
                .orElseThrow(() -> new ConfigException(
                        config.origin(s, "json_template_file") + ": JSON template not found; looked in " + searched));
        searched.clear();
        Optional<TemplateSource> pdrinp = TemplateLocator.locate(
                config.string(s, "pdrinp_template_file").orElse(null),
                TemplateSource.PDRNEW_INP,
                home,
                workDir,
                searched);
        if (pdrinp.isEmpty()) {
            warnings.add("PDRNEW.INP template not found (looked in " + searched + "); PDRNEW.INP is not written");
        }
        Duration cap =
                config.number(s, "max_walltime_s").map(RunSettings::seconds).orElse(null);
        Duration stall = config.number(s, "stall_first_iteration_s")
                .map(RunSettings::seconds)
                .orElse(null);
        Duration grace =
                config.number(s, "kill_grace_s").map(RunSettings::seconds).orElse(Duration.ofSeconds(10));
        Duration poll =
                config.number(s, "poll_interval_s").map(RunSettings::seconds).orElse(Duration.ofSeconds(1));
        Duration onion =
                config.number(s, "onion_timeout_s").map(RunSettings::seconds).orElse(cap);
        Path scratch = Path.of(
                        config.string(ConfigSchema.DIRECTORIES, "tmp_dir").orElse(System.getProperty("java.io.tmpdir")))
                .toAbsolutePath();
        boolean keep = keepTmpFlag || config.bool(s, "keep_tmp").orElse(false);
        InputMode mode = InputMode.parse(config.string(s, "input_mode").orElse("link"));
        List<PostprocessingStep> steps = PostprocessingStep.parse(
                config.setting(s, "postprocessing").map(x -> x.value()).orElse(null));
        CompressionPolicy compression = new CompressionPolicy(
                config.list(ConfigSchema.STORAGE, "compress_files").orElse(List.of()));
        return new RunSettings(
                home,
                json,
                pdrinp,
                new ProcessLimits(cap, stall, grace, poll),
                onion,
                scratch,
                keep,
                mode,
                forceOnion,
                speciesOverride,
                steps,
                compression,
                config.bool(ConfigSchema.STORAGE, "take_outputs").orElse(true),
                cpus,
                environment(config),
                List.copyOf(warnings));
    }

    /** pdr.environment: variables set for every executable of a job (e.g. OMP_STACKSIZE). */
    private static Map<String, String> environment(Config config) {
        Object value = config.setting(ConfigSchema.PDR, "environment")
                .map(x -> x.value())
                .orElse(null);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(config.origin(ConfigSchema.PDR, "environment")
                    + ": pdr.environment must map variable names to values");
        }
        Map<String, String> env = new LinkedHashMap<>();
        map.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        return Map.copyOf(env);
    }

    private static Duration seconds(double value) {
        if (!(value > 0)) {
            throw new ConfigException("time limits must be positive numbers of seconds, got " + value);
        }
        return Duration.ofMillis((long) (value * 1000));
    }
}
