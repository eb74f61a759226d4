package pdrrun.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolved configuration: file, then environment, then command-line flags, each value with
 * its origin. Immutable once built; {@link #with} returns a new instance.
 */
public final class Config {
    private final Map<String, Map<String, Setting>> sections;
    private final List<String> warnings;

    Config(Map<String, Map<String, Setting>> sections, List<String> warnings) {
        Map<String, Map<String, Setting>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.sections = Collections.unmodifiableMap(copy);
        this.warnings = List.copyOf(warnings);
    }

    /** An empty configuration: every value at its default. */
    public static Config empty() {
        return new Config(Map.of(), List.of());
    }

    /** Warnings collected while loading (unknown keys), for the caller to log. */
    public List<String> warnings() {
        return warnings;
    }

    public Map<String, Map<String, Setting>> sections() {
        return sections;
    }

    public Optional<Setting> setting(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key));
    }

    public Map<String, Setting> section(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    /** This configuration with one value replaced (for environment variables and flags). */
    public Config with(String section, String key, Object value, String origin) {
        Map<String, Map<String, Setting>> copy = new LinkedHashMap<>(sections);
        Map<String, Setting> inner = new LinkedHashMap<>(copy.getOrDefault(section, Map.of()));
        inner.put(key, new Setting(value, origin));
        copy.put(section, inner);
        return new Config(copy, warnings);
    }

    public Optional<String> string(String section, String key) {
        return setting(section, key)
                .map(Setting::value)
                .filter(v -> v != null)
                .map(Object::toString)
                .filter(s -> !s.isBlank());
    }

    public Optional<Long> integer(String section, String key) {
        return setting(section, key).map(Setting::value).filter(v -> v != null).map(v -> ((Number) v).longValue());
    }

    public Optional<Double> number(String section, String key) {
        return setting(section, key).map(Setting::value).filter(v -> v != null).map(v -> ((Number) v).doubleValue());
    }

    public Optional<Boolean> bool(String section, String key) {
        return setting(section, key).map(Setting::value).filter(v -> v != null).map(v -> (Boolean) v);
    }

    /** A LIST key: the source text of each element. */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> list(String section, String key) {
        return setting(section, key)
                .map(Setting::value)
                .filter(v -> v != null)
                .map(v -> new ArrayList<>((List<String>) v));
    }

    /** Where a value came from, for messages. */
    public String origin(String section, String key) {
        return setting(section, key).map(Setting::origin).orElse("default");
    }
}
