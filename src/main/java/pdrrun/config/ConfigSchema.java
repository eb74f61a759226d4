package pdrrun.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sections and keys of the YAML configuration (the original's names), with their types and
 * the environment variables that override them.
 */
public final class ConfigSchema {
    public static final String DATABASE = "database";
    public static final String STORAGE = "storage";
    public static final String PDR = "pdr";
    public static final String USER = "user";
    public static final String MODEL_PARAMETERS = "model_parameters";
    public static final String NON_DEFAULT_PARAMETERS = "non_default_parameters";
    public static final String DIRECTORIES = "directories";
    public static final String WORKER = "worker";
    /** Sections whose keys are free (validated against the parameter columns elsewhere). */
    public static final Set<String> OPEN_SECTIONS = Set.of(NON_DEFAULT_PARAMETERS);

    /** Section aliases of the original: alias to canonical name. */
    public static final Map<String, String> SECTION_ALIASES =
            Map.of("model_params", MODEL_PARAMETERS, "non_default_params", NON_DEFAULT_PARAMETERS);

    /** Environment variable to "section.key". */
    public static final Map<String, String> ENVIRONMENT = environment();

    private static final Map<String, Map<String, KeyType>> SECTIONS = build();

    private ConfigSchema() {}

    /** Known sections in order, each with its known keys. */
    public static Map<String, Map<String, KeyType>> sections() {
        return SECTIONS;
    }

    private static Map<String, Map<String, KeyType>> build() {
        Map<String, Map<String, KeyType>> s = new LinkedHashMap<>();
        s.put(
                DATABASE,
                keys(
                        "type",
                        KeyType.STRING,
                        "path",
                        KeyType.STRING,
                        "host",
                        KeyType.STRING,
                        "port",
                        KeyType.INTEGER,
                        "database",
                        KeyType.STRING,
                        "username",
                        KeyType.STRING,
                        "password",
                        KeyType.STRING,
                        "pool_size",
                        KeyType.INTEGER,
                        "max_overflow",
                        KeyType.INTEGER,
                        "pool_timeout",
                        KeyType.NUMBER,
                        "pool_recycle",
                        KeyType.NUMBER,
                        "pool_pre_ping",
                        KeyType.BOOLEAN,
                        "echo",
                        KeyType.BOOLEAN,
                        "busy_timeout_ms",
                        KeyType.INTEGER,
                        "diagnostics_enabled",
                        KeyType.BOOLEAN,
                        "diagnostics_output_path",
                        KeyType.STRING));
        s.put(
                STORAGE,
                keys(
                        "type",
                        KeyType.STRING,
                        "base_dir",
                        KeyType.STRING,
                        "host",
                        KeyType.STRING,
                        "port",
                        KeyType.INTEGER,
                        "username",
                        KeyType.STRING,
                        "password",
                        KeyType.STRING,
                        "key_file",
                        KeyType.STRING,
                        "host_key_checking",
                        KeyType.STRING,
                        "rclone_remote",
                        KeyType.STRING,
                        "remote_path_prefix",
                        KeyType.STRING,
                        "use_mount",
                        KeyType.BOOLEAN,
                        "use_local_copy",
                        KeyType.BOOLEAN,
                        "local_copy_dir",
                        KeyType.STRING,
                        "compress_files",
                        KeyType.LIST,
                        "take_outputs",
                        KeyType.BOOLEAN,
                        "timeout_s",
                        KeyType.NUMBER,
                        "spool_dir",
                        KeyType.STRING));
        s.put(
                PDR,
                keys(
                        "model_name",
                        KeyType.STRING,
                        "base_dir",
                        KeyType.STRING,
                        "exec_path",
                        KeyType.STRING,
                        "pdr_file_name",
                        KeyType.STRING,
                        "onion_file_name",
                        KeyType.STRING,
                        "getctrlind_file_name",
                        KeyType.STRING,
                        "mrt_file_name",
                        KeyType.STRING,
                        "pdrinp_template_file",
                        KeyType.STRING,
                        "json_template_file",
                        KeyType.STRING,
                        "chem_database",
                        KeyType.STRING,
                        "chem_origin",
                        KeyType.STRING,
                        "max_walltime_s",
                        KeyType.NUMBER,
                        "stall_first_iteration_s",
                        KeyType.NUMBER,
                        "input_mode",
                        KeyType.STRING,
                        "workers",
                        KeyType.INTEGER,
                        "keep_tmp",
                        KeyType.BOOLEAN,
                        "kill_grace_s",
                        KeyType.NUMBER,
                        "onion_timeout_s",
                        KeyType.NUMBER,
                        "poll_interval_s",
                        KeyType.NUMBER,
                        "environment",
                        KeyType.ANY,
                        "postprocessing",
                        KeyType.ANY));
        s.put(USER, keys("username", KeyType.STRING, "email", KeyType.STRING));
        s.put(
                MODEL_PARAMETERS,
                keys(
                        "metal",
                        KeyType.LIST,
                        "dens",
                        KeyType.LIST,
                        "mass",
                        KeyType.LIST,
                        "chi",
                        KeyType.LIST,
                        "species",
                        KeyType.LIST,
                        "alpha",
                        KeyType.NUMBER,
                        "rcore",
                        KeyType.NUMBER,
                        "random",
                        KeyType.BOOLEAN,
                        "random_model_num",
                        KeyType.INTEGER,
                        "seed",
                        KeyType.INTEGER));
        s.put(NON_DEFAULT_PARAMETERS, Map.of());
        s.put(
                WORKER,
                keys(
                        "heartbeat_s",
                        KeyType.NUMBER,
                        "missed_heartbeats",
                        KeyType.INTEGER,
                        "max_attempts",
                        KeyType.INTEGER,
                        "retry_states",
                        KeyType.LIST,
                        "retry_backoff_s",
                        KeyType.NUMBER,
                        "grace_s",
                        KeyType.NUMBER,
                        "idle_exit_s",
                        KeyType.NUMBER,
                        "overlap",
                        KeyType.BOOLEAN));
        s.put(
                DIRECTORIES,
                keys(
                        "tmp_dir",
                        KeyType.STRING,
                        "log_dir",
                        KeyType.STRING,
                        "output_dir",
                        KeyType.STRING,
                        "work_dir",
                        KeyType.STRING));
        return java.util.Collections.unmodifiableMap(s);
    }

    private static Map<String, KeyType> keys(Object... pairs) {
        Map<String, KeyType> keys = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            keys.put((String) pairs[i], (KeyType) pairs[i + 1]);
        }
        return keys;
    }

    private static Map<String, String> environment() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("PDR_DB_TYPE", "database.type");
        e.put("PDR_DB_HOST", "database.host");
        e.put("PDR_DB_PORT", "database.port");
        e.put("PDR_DB_DATABASE", "database.database");
        e.put("PDR_DB_USERNAME", "database.username");
        e.put("PDR_DB_PASSWORD", "database.password");
        e.put("PDR_DB_FILE", "database.path");
        e.put("PDR_STORAGE_TYPE", "storage.type");
        e.put("PDR_STORAGE_DIR", "storage.base_dir");
        e.put("PDR_STORAGE_HOST", "storage.host");
        e.put("PDR_STORAGE_USER", "storage.username");
        e.put("PDR_STORAGE_PASSWORD", "storage.password");
        e.put("PDR_STORAGE_RCLONE_REMOTE", "storage.rclone_remote");
        e.put("PDR_STORAGE_REMOTE_PATH_PREFIX", "storage.remote_path_prefix");
        e.put("PDR_STORAGE_USE_MOUNT", "storage.use_mount");
        e.put("PDR_BASE_DIR", "pdr.base_dir");
        e.put("PDR_EXEC_PATH", "pdr.exec_path");
        return e;
    }
}
