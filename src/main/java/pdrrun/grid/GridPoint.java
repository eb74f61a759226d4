package pdrrun.grid;

import java.util.Objects;

/** One point of a grid: one encoded value per axis. */
public record GridPoint(EncodedValue metal, EncodedValue dens, EncodedValue mass, EncodedValue chi) {
    public GridPoint {
        Objects.requireNonNull(metal, "metal");
        Objects.requireNonNull(dens, "dens");
        Objects.requireNonNull(mass, "mass");
        Objects.requireNonNull(chi, "chi");
    }

    /** The KOSMA-tau job name {@code {metal}_{dens}_{mass}_{chi}_00}; it names every output file. */
    public String jobName() {
        return metal.text() + "_" + dens.text() + "_" + mass.text() + "_" + chi.text() + "_00";
    }
}
