package pdrrun.grid;

/** The four grid axes, in the order the Cartesian product and the job name use them. */
public enum Axis {
    /** Metallicity in percent of solar: zmetal = value x 0.01. */
    METAL("metal", "percent of solar metallicity (100 = solar)"),
    /** Surface density, 10 x log10(n / cm^-3). */
    DENS("dens", "10*log10 codes (30 = 1e3 cm^-3)"),
    /** Clump mass, 10 x log10(M / M_sun). */
    MASS("mass", "10*log10 codes (-10 = 0.1 solar masses)"),
    /** FUV field, 10 x log10(chi / Draine). */
    CHI("chi", "10*log10 codes (10 = 10 Draine units)");

    private final String key;
    private final String encoding;

    Axis(String key, String encoding) {
        this.key = key;
        this.encoding = encoding;
    }

    /** The name used in flags (--dens) and the model_parameters section. */
    public String key() {
        return key;
    }

    /** How the axis is encoded, for error hints. */
    public String encoding() {
        return encoding;
    }

    /** Physical value of an encoded value on this axis. */
    public double decode(double encoded) {
        return this == METAL ? encoded * 0.01 : Math.pow(10.0, encoded / 10.0);
    }
}
