package pdrrun.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the YAML configuration file of the original (sections of {@link ConfigSchema}) and
 * overlays the environment. Errors name the file and line; unknown keys become warnings naming the
 * nearest valid key. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads {@code file} (may be null: defaults only) and applies {@code environment} over it. */
    public static Config load(Path file, Map<String, String> environment) {
        Config config = file == null ? Config.empty() : readFile(file);
        return applyEnvironment(config, environment);
    }

    static Config readFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file ("
                    + e.getClass().getSimpleName() + "); pass an existing YAML file with --config");
        }
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build())
                    .composeString(text)
                    .orElse(null);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + firstLine(e.getMessage()));
        } catch (YamlEngineException e) {
            throw new ConfigException(file + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            return Config.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file + ":" + line(root) + ": the configuration must be a mapping of sections ("
                    + String.join(", ", ConfigSchema.sections().keySet()) + ")");
        }
        return new SectionReader(file).read(mapping);
    }

    private static Config applyEnvironment(Config config, Map<String, String> environment) {
        Config result = config;
        for (Map.Entry<String, String> entry : ConfigSchema.ENVIRONMENT.entrySet()) {
            String raw = environment.get(entry.getKey());
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            String[] target = entry.getValue().split("\\.");
            KeyType type = ConfigSchema.sections().get(target[0]).get(target[1]);
            Object value = ScalarText.convert(raw, type, "environment variable " + entry.getKey());
            result = result.with(target[0], target[1], value, "env " + entry.getKey());
        }
        return result;
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().split("\n")[0];
    }

    /** Converts the mapping of sections, collecting warnings. */
    private static final class SectionReader {
        private final Path file;
        private final List<String> warnings = new ArrayList<>();

        SectionReader(Path file) {
            this.file = file;
        }

        Config read(MappingNode root) {
            Map<String, Map<String, Setting>> sections = new LinkedHashMap<>();
            Map<String, String> seenAs = new LinkedHashMap<>();
            for (NodeTuple tuple : root.getValue()) {
                String name = scalarKey(tuple.getKeyNode());
                String canonical = ConfigSchema.SECTION_ALIASES.getOrDefault(name, name);
                int line = line(tuple.getKeyNode());
                if (!ConfigSchema.sections().containsKey(canonical)) {
                    List<String> valid = new ArrayList<>(ConfigSchema.sections().keySet());
                    valid.addAll(ConfigSchema.SECTION_ALIASES.keySet());
                    throw new ConfigException(file + ":" + line + ": unknown section '" + name + "'"
                            + NearestName.hint(name, valid) + "; valid sections: "
                            + String.join(", ", ConfigSchema.sections().keySet()));
                }
                if (seenAs.containsKey(canonical)) {
                    throw new ConfigException(file + ":" + line + ": section '" + name + "' given twice (also as '"
                            + seenAs.get(canonical) + "'); keep one of them");
                }
                seenAs.put(canonical, name);
                sections.put(canonical, readSection(canonical, name, tuple.getValueNode()));
            }
            return new Config(sections, warnings);
        }

        private Map<String, Setting> readSection(String section, String shownName, Node node) {
            Map<String, Setting> values = new LinkedHashMap<>();
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                return values;
            }
            if (!(node instanceof MappingNode mapping)) {
                throw new ConfigException(
                        file + ":" + line(node) + ": section '" + shownName + "' must be a mapping of keys to values");
            }
            Map<String, KeyType> known = ConfigSchema.sections().get(section);
            boolean open = ConfigSchema.OPEN_SECTIONS.contains(section);
            for (NodeTuple tuple : mapping.getValue()) {
                String key = scalarKey(tuple.getKeyNode());
                int line = line(tuple.getKeyNode());
                String origin = file + ":" + line;
                KeyType type = open ? KeyType.ANY : known.get(key);
                if (type == null) {
                    warnings.add(origin + ": unknown key '" + key + "' in section '" + shownName + "' is ignored"
                            + NearestName.hint(key, known.keySet()));
                    continue;
                }
                values.put(key, new Setting(NodeValue.convert(tuple.getValueNode(), type, origin, key), origin));
            }
            return values;
        }

        private String scalarKey(Node node) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            throw new ConfigException(file + ":" + line(node) + ": keys must be plain names");
        }
    }

    /** Converts YAML nodes to Java values of a {@link KeyType}. */
    private static final class NodeValue {
        static Object convert(Node node, KeyType type, String origin, String key) {
            if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
                return null;
            }
            switch (type) {
                case LIST:
                    if (node instanceof SequenceNode sequence) {
                        List<String> items = new ArrayList<>();
                        for (Node item : sequence.getValue()) {
                            items.add(scalarText(item, origin, key, type));
                        }
                        return items;
                    }
                    return new ArrayList<>(List.of(scalarText(node, origin, key, type)));
                case ANY:
                    return plain(node);
                default:
                    String text = scalarText(node, origin, key, type);
                    if (type == KeyType.STRING) {
                        return text;
                    }
                    return ScalarText.convert(text, type, origin + ": key '" + key + "'");
            }
        }

        private static String scalarText(Node node, String origin, String key, KeyType type) {
            if (node instanceof ScalarNode scalar) {
                return scalar.getValue();
            }
            throw new ConfigException(origin + ": key '" + key + "' must be " + type.expected());
        }

        /** Plain Java value (Map, List, Long, Double, Boolean, String) with YAML core-schema types. */
        static Object plain(Node node) {
            if (node instanceof MappingNode mapping) {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple t : mapping.getValue()) {
                    map.put(((ScalarNode) t.getKeyNode()).getValue(), plain(t.getValueNode()));
                }
                return map;
            }
            if (node instanceof SequenceNode sequence) {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(n -> list.add(plain(n)));
                return list;
            }
            ScalarNode scalar = (ScalarNode) node;
            Tag tag = scalar.getTag();
            String text = scalar.getValue();
            if (tag.equals(Tag.INT)) {
                return ScalarText.convert(text, KeyType.INTEGER, "");
            } else if (tag.equals(Tag.FLOAT)) {
                return ScalarText.convert(text, KeyType.NUMBER, "");
            } else if (tag.equals(Tag.BOOL)) {
                return ScalarText.convert(text, KeyType.BOOLEAN, "");
            } else if (tag.equals(Tag.NULL)) {
                return null;
            }
            return text;
        }
    }
}
