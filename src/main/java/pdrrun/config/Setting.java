package pdrrun.config;

/**
 * One resolved configuration value and where it came from ("c.yaml:12", "env PDR_DB_HOST",
 * "flag --model-name").
 */
public record Setting(Object value, String origin) {}
