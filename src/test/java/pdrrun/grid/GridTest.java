package pdrrun.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridTest {
    private static Grid grid(List<String> metal, List<String> dens, List<String> mass, List<String> chi) {
        return Grid.of(Map.of(Axis.METAL, metal, Axis.DENS, dens, Axis.MASS, mass, Axis.CHI, chi));
    }

    @Test
    void productRunsMetalOutermostAndChiInnermost() {
        List<String> names =
                grid(List.of("50", "100"), List.of("30", "40"), List.of("-10"), List.of("10", "20")).points().stream()
                        .map(GridPoint::jobName)
                        .toList();
        assertThat(names)
                .containsExactly(
                        "50_30_-10_10_00",
                        "50_30_-10_20_00",
                        "50_40_-10_10_00",
                        "50_40_-10_20_00",
                        "100_30_-10_10_00",
                        "100_30_-10_20_00",
                        "100_40_-10_10_00",
                        "100_40_-10_20_00");
    }

    @Test
    void leadingZerosSignsAndDecimalsAreAccepted() {
        for (String ok : new String[] {"05", "-05", "3.5", "+10", "0", "-0.5", "007"}) {
            assertThat(new EncodedValue(Axis.DENS, ok).text()).isEqualTo(ok);
        }
        assertThat(new EncodedValue(Axis.DENS, "05").physical()).isEqualTo(Math.pow(10, 0.5));
        assertThat(new EncodedValue(Axis.METAL, "50").physical()).isEqualTo(0.5);
    }

    @Test
    void nonDecimalTextIsRejectedWithAnEncodingHint() {
        for (String bad : new String[] {"3O", "", " ", "1e2", "nan", "NaN", "inf", "-", "1.", ".5", "0x10", "1e400"}) {
            assertThatThrownBy(() -> new EncodedValue(Axis.CHI, bad))
                    .as(bad)
                    .isInstanceOf(GridException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("10*log10")
                    .hasMessageContaining("--chi");
        }
    }

    @Test
    void valuesWhosePhysicalValueOverflowsAreRejected() {
        assertThatThrownBy(() -> new EncodedValue(Axis.DENS, "4000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new EncodedValue(Axis.METAL, "-5")).hasMessageContaining("out of range");
        assertThat(new EncodedValue(Axis.METAL, "0").physical()).isZero();
    }

    @Test
    void randomDrawsAreIntegersWithinTheAxisRangeAndReproducible() {
        Grid g = grid(List.of("100"), List.of("-5", "5"), List.of("-20", "20"), List.of("0", "30"));
        List<GridPoint> a = g.randomPoints(200, 7);
        assertThat(g.randomPoints(200, 7)).isEqualTo(a);
        assertThat(g.randomPoints(200, 8)).isNotEqualTo(a);
        for (GridPoint p : a) {
            assertThat(p.dens().number()).isBetween(-5.0, 5.0);
            assertThat(p.dens().text()).matches("-?[0-9]{2}");
            assertThat(p.chi().number()).isBetween(0.0, 30.0);
        }
        assertThat(a.stream().map(p -> p.dens().text())).contains("05", "-05", "00");
    }

    @Test
    void oneDigitDrawsGetALeadingZero() {
        assertThat(EncodedValue.ofInteger(Axis.DENS, 5).text()).isEqualTo("05");
        assertThat(EncodedValue.ofInteger(Axis.DENS, -5).text()).isEqualTo("-05");
        assertThat(EncodedValue.ofInteger(Axis.DENS, 0).text()).isEqualTo("00");
        assertThat(EncodedValue.ofInteger(Axis.DENS, -12).text()).isEqualTo("-12");
    }

    @Test
    void geometryRejectsAlphaThreeAndRcoreOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new CloudGeometry(3.0, 0.2)).hasMessageContaining("alpha = 3");
        for (double rcore : new double[] {0.0, 1.0, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new CloudGeometry(1.5, rcore))
                    .as("rcore " + rcore)
                    .hasMessageContaining("rcore");
        }
    }

    @Test
    void radiusFollowsTheClumpFormula() {
        double n = 1e4;
        double m = 10.0;
        double alpha = 2.0;
        double rcore = 0.3;
        double d = 12 * Math.PI * n / (9 - 3 * alpha)
                - 4 * Math.PI * n * Math.pow(rcore, 3 - alpha) * alpha / (9 - 3 * alpha);
        assertThat(new CloudGeometry(alpha, rcore).radius(m, n))
                .isEqualTo(1.05916e19 * Math.cbrt(m / d), org.assertj.core.api.Assertions.within(1e3));
    }

    @Test
    void unknownNonDefaultParameterNamesTheNearestColumn() {
        assertThatThrownBy(() -> new ParameterSetFactory(null, null, Map.of("cosrey", 1e-16)))
                .hasMessageContaining("'cosrey'")
                .hasMessageContaining("'cosray'");
        assertThatThrownBy(() -> new ParameterSetFactory(null, null, Map.of("xnsur", 1e3)))
                .hasMessageContaining("grid axes");
        assertThatThrownBy(() -> new ParameterSetFactory(null, null, Map.of("Niter", 2.5)))
                .hasMessageContaining("whole number");
    }

    @Test
    void nonDefaultParametersChangeTheValuesAndTheHash() {
        GridPoint p = grid(List.of("100"), List.of("30"), List.of("-10"), List.of("10"))
                .points()
                .get(0);
        ParameterSet plain = new ParameterSetFactory(null, null, Map.of()).create(p);
        ParameterSet changed = new ParameterSetFactory(null, null, Map.of("cosray", 1e-16, "tdustc", 20L)).create(p);
        assertThat(changed.values().get("cosray")).isEqualTo(1e-16);
        assertThat(changed.values().get("tdustc")).isEqualTo(20.0);
        assertThat(changed.hash()).isNotEqualTo(plain.hash());
        assertThat(new ParameterSetFactory(null, null, Map.of()).create(p).hash())
                .isEqualTo(plain.hash());
    }

    @Test
    void factoryHashEqualsTheCanonicalHashOfTheValues() {
        ParameterSetFactory f = new ParameterSetFactory(1.2, 0.3, Map.of("cosray", 1e-16, "species", "CO  C+ O"));
        for (GridPoint p : grid(List.of("50", "100"), List.of("05", "30"), List.of("-10", "7.5"), List.of("-05", "20"))
                .points()) {
            ParameterSet set = f.create(p);
            assertThat(set.hash()).isEqualTo(ParameterHash.of(set.values()));
        }
    }

    @Test
    void sameValueWrittenDifferentlyIsTheSameParameterSet() {
        GridPoint a = grid(List.of("100"), List.of("05"), List.of("-10"), List.of("10"))
                .points()
                .get(0);
        GridPoint b = grid(List.of("100"), List.of("5"), List.of("-10"), List.of("10"))
                .points()
                .get(0);
        ParameterSetFactory f = new ParameterSetFactory(null, null, Map.of());
        assertThat(f.create(a).hash()).isEqualTo(f.create(b).hash());
    }
}
