package pdrrun.grid;

/**
 * The clump geometry of KOSMA-tau: total radius from mass, surface density, density-law exponent
 * and core-radius fraction.
 */
public record CloudGeometry(double alpha, double rcore) {
    /** Converts (M/D)^(1/3) with M in solar masses and D in cm^-3 to centimetres. */
    private static final double RADIUS_SCALE_CM = 1.05916e19;

    public CloudGeometry {
        if (!Double.isFinite(alpha) || alpha == 3.0) {
            throw new GridException("alpha = " + alpha
                    + " is not usable: the clump mass integral diverges at alpha = 3;" + " use e.g. 1.5");
        }
        if (!(rcore > 0.0 && rcore < 1.0)) {
            throw new GridException("rcore = " + rcore + " must lie strictly between 0 and 1 (fraction of the radius)");
        }
    }

    /** rtot in cm for clump mass {@code mass} (solar masses) and surface density {@code density} (cm^-3). */
    public double radius(double mass, double density) {
        double d = 12.0 * Math.PI * density / (9.0 - 3.0 * alpha)
                - 4.0 * Math.PI * density * Math.pow(rcore, 3.0 - alpha) * alpha / (9.0 - 3.0 * alpha);
        double r = RADIUS_SCALE_CM * Math.pow(mass / d, 1.0 / 3.0);
        if (!Double.isFinite(r) || r <= 0.0) {
            throw new GridException("alpha = " + alpha + ", rcore = " + rcore + " give no positive clump radius");
        }
        return r;
    }
}
