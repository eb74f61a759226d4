package pdrrun.grid;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pdrrun.config.Config;
import pdrrun.config.ConfigSchema;
import pdrrun.config.Setting;

/**
 * What a configuration asks for: the grid, full or random, and the parameter sets of its points.
 * Everything is validated here, before anything is written.
 */
public record GridSpec(Grid grid, boolean random, int randomCount, long seed, ParameterSetFactory factory) {
    public static final int DEFAULT_RANDOM_COUNT = 50;

    /** Reads model_parameters and non_default_parameters (flags were applied to the config already). */
    public static GridSpec from(Config config) {
        String s = ConfigSchema.MODEL_PARAMETERS;
        Map<Axis, List<String>> texts = new EnumMap<>(Axis.class);
        for (Axis axis : Axis.values()) {
            texts.put(axis, config.list(s, axis.key()).orElse(List.of()));
        }
        Grid grid = Grid.of(texts);
        boolean random = config.bool(s, "random").orElse(false);
        int count = config.integer(s, "random_model_num").map(Long::intValue).orElse(DEFAULT_RANDOM_COUNT);
        long seed = config.integer(s, "seed").orElse(0L);
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, Setting> e :
                config.section(ConfigSchema.NON_DEFAULT_PARAMETERS).entrySet()) {
            overrides.put(e.getKey(), e.getValue().value());
        }
        ParameterSetFactory factory = new ParameterSetFactory(
                config.number(s, "alpha").orElse(null),
                config.number(s, "rcore").orElse(null),
                overrides);
        return new GridSpec(grid, random, count, seed, factory);
    }

    /** The points to register: the full product, or the random draw. */
    public List<GridPoint> points() {
        return random ? grid.randomPoints(randomCount, seed) : grid.points();
    }

    /** Number of points {@link #points()} returns. */
    public long size() {
        return random ? randomCount : grid.size();
    }

    /** The parameter set of every point, in grid order. */
    public List<ParameterSet> parameterSets() {
        return points().stream().map(factory::create).toList();
    }

    public Optional<Long> seedIfRandom() {
        return random ? Optional.of(seed) : Optional.empty();
    }
}
