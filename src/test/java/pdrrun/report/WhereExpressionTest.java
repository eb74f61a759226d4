package pdrrun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import pdrrun.config.ConfigException;

class WhereExpressionTest {
    private static final JobAxes POINT = JobAxes.parse("100_30_-10_10_00").orElseThrow();

    private static boolean matches(String expr) {
        Predicate<JobAxes> p = WhereExpression.parse(expr);
        return p.test(POINT);
    }

    @Test
    void comparesAxesWithNumbers() {
        assertThat(matches("dens>=30 and chi<20")).isTrue();
        assertThat(matches("dens > 30")).isFalse();
        assertThat(matches("mass == -10 and metal != 50")).isTrue();
        assertThat(matches("chi <= 9.5")).isFalse();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(matches("dens > 40 or chi < 20 and mass < 0")).isTrue();
        assertThat(matches("(dens > 40 or chi < 20) and mass > 0")).isFalse();
        assertThat(matches("not dens > 40 and not (chi > 10)")).isTrue();
        assertThat(matches("NOT dens == 30 OR metal == 100")).isTrue();
    }

    @Test
    void badExpressionsNameThePosition() {
        assertThatThrownBy(() -> WhereExpression.parse("dens>=30 and chi<<20"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("position 18")
                .hasMessageContaining("expected a number");
        assertThatThrownBy(() -> WhereExpression.parse("density > 3"))
                .hasMessageContaining("position 1")
                .hasMessageContaining("expected an axis");
        assertThatThrownBy(() -> WhereExpression.parse("(dens > 3")).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> WhereExpression.parse("dens > 3 chi < 2"))
                .hasMessageContaining("position 10")
                .hasMessageContaining("expected 'and', 'or' or the end");
        assertThatThrownBy(() -> WhereExpression.parse("dens 3")).hasMessageContaining("expected a comparison");
    }
}
