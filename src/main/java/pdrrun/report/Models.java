package pdrrun.report;

import java.util.List;
import pdrrun.config.ConfigException;

/** Finds the models (grids) a reporting command looks at. Stateless. */
public final class Models {
    private Models() {}

    /** A model row: id, name and storage folder. */
    public record Model(long id, String name, String path) {}

    /** Every model of the catalog by name. */
    public static List<Model> all(ReadOnlyDatabase db) {
        return db.query(
                "models",
                "SELECT id, model_name, model_path FROM model_names ORDER BY model_name",
                rs -> new Model(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * The named model or, with no name, the only model of the catalog.
     *
     * @throws ConfigException when the name is unknown or the choice is ambiguous (lists names)
     */
    public static Model one(ReadOnlyDatabase db, String name) {
        List<Model> models = all(db);
        if (name == null) {
            if (models.size() == 1) {
                return models.get(0);
            }
            throw new ConfigException(
                    (models.isEmpty() ? "the catalog holds no model" : "--model is needed: ") + names(models));
        }
        return models.stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new ConfigException("--model: no model '" + name + "' in the catalog; " + names(models)));
    }

    /** The named models, or all when {@code name} is null. */
    public static List<Model> selected(ReadOnlyDatabase db, String name) {
        return name == null ? all(db) : List.of(one(db, name));
    }

    private static String names(List<Model> models) {
        if (models.isEmpty()) {
            return "(no models)";
        }
        StringBuilder text = new StringBuilder("models: ");
        for (int i = 0; i < models.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(models.get(i).name());
        }
        return text.toString();
    }
}
