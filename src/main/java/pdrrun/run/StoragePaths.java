package pdrrun.run;

/**
 * Where a job's files go in storage (SPEC section 4 step 6), relative to the storage root: the
 * original's names under {@code <model>/pdrgrid/} and {@code <model>/oniongrid/}.
 */
public record StoragePaths(String model, String job) {
    public String pdrgrid(String prefix, String suffix) {
        return model + "/pdrgrid/" + prefix + job + suffix;
    }

    public String oniongrid(String name) {
        return model + "/oniongrid/" + name;
    }

    /** The file whose presence means the model is already computed. */
    public String structure() {
        return pdrgrid("pdrstruct", ".hdf5");
    }

    public String ctrlInd() {
        return pdrgrid("CTRL_IND", "");
    }
}
