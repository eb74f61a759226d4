package pdrrun.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected strings were produced by CPython 3 with
 * {@code '%.3e' % v if abs(v) >= 1000 or abs(v) < 0.1 else '%.6f' % v}; they are not derived from
 * the code under test.
 */
class ValueFormatTest {

    static Stream<Arguments> pythonReals() {
        Object[][] cases = {
            {0.0, "0.000e+00"},
            {-0.0, "-0.000e+00"},
            {1000.0, "1.000e+03"},
            {999.9999, "999.999900"},
            {999.99999999, "1000.000000"},
            {0.1, "0.100000"},
            {0.09999999, "1.000e-01"},
            {0.0999999999, "1.000e-01"},
            {-0.1, "-0.100000"},
            {0.125, "0.125000"},
            {2.5e-05, "2.500e-05"},
            {9999.5, "1.000e+04"},
            {9998.5, "9.998e+03"},
            {1000.5, "1.000e+03"},
            {1001.5, "1.002e+03"},
            {1002.5, "1.002e+03"},
            {0.015625, "1.562e-02"},
            {0.03125, "3.125e-02"},
            {100.0078125, "100.007812"},
            {0.5078125, "0.507812"},
            {0.1234565, "0.123456"},
            {1.5, "1.500000"},
            {-1.0, "-1.000000"},
            {2e-16, "2.000e-16"},
            {1.9e-21, "1.900e-21"},
            {2.4577932483395914e+17, "2.458e+17"},
            {1500000000000000.0, "1.500e+15"},
            {330000.0, "3.300e+05"},
            {4e+20, "4.000e+20"},
            {1e-10, "1.000e-10"},
            {10000000.0, "1.000e+07"},
            {0.01, "1.000e-02"},
            {0.03, "3.000e-02"},
            {100.0, "100.000000"},
            {200.0, "200.000000"},
            {0.5, "0.500000"},
            {5.0, "5.000000"},
            {2.0, "2.000000"},
            {0.00827485, "8.275e-03"},
            {0.00227746, "2.277e-03"},
            {0.000375578, "3.756e-04"},
            {2.121e-17, "2.121e-17"},
            {20000.0, "2.000e+04"},
            {50.0, "50.000000"},
            {10.0, "10.000000"},
            {0.0851, "8.510e-02"},
            {6.68e-09, "6.680e-09"},
            {-2.5e-05, "-2.500e-05"},
            {-9999.5, "-1.000e+04"},
            {-1000.5, "-1.000e+03"},
            {-123.4567895, "-123.456789"},
            {123.4567895, "123.456789"},
            {1e+300, "1.000e+300"},
            {-1e-300, "-1.000e-300"},
            {5e-324, "4.941e-324"},
            {1.7976931348623157e+308, "1.798e+308"},
            {99.99999949999999, "99.999999"},
            {99.9999995, "100.000000"},
            {0.99999995, "1.000000"},
            {9.9995e-05, "9.999e-05"},
            {9.99949999e-05, "9.999e-05"},
            {10005000000.0, "1.000e+10"},
            {10005000100.0, "1.001e+10"},
            {999.0, "999.000000"},
            {0.2, "0.200000"},
            {0.3, "0.300000"},
            {0.7, "0.700000"},
            {0.3333333333333333, "0.333333"},
            {0.6666666666666666, "0.666667"},
            {123456789.0, "1.235e+08"},
            {1e+100, "1.000e+100"},
            {1e-100, "1.000e-100"},
            {9.99999e+99, "1.000e+100"},
            {9.9996e+99, "1.000e+100"},
            {0.10000000000000002, "0.100000"},
            {0.09999999999999999, "1.000e-01"},
            {999.9999999999999, "1000.000000"},
            {1000.0000000000001, "1.000e+03"},
            {0.1015625, "0.101562"},
            {7.0000005, "7.000000"},
            {250.0000005, "250.000000"},
            {3.14159265358979, "3.141593"},
            {2.718281828459045, "2.718282"},
            {6.02214076e+23, "6.022e+23"},
            {1.602176634e-19, "1.602e-19"},
            {-0.0001234, "-1.234e-04"},
            {12.3456785, "12.345678"},
            {0.3125, "0.312500"},
            {0.0625, "6.250e-02"},
            {Double.NaN, "nan"},
            {Double.POSITIVE_INFINITY, "inf"},
            {Double.NEGATIVE_INFINITY, "-inf"},
        };
        return Stream.of(cases).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("pythonReals")
    void realMatchesPythonPercentFormatting(double value, String python) {
        assertThat(ValueFormat.real(value)).isEqualTo(python);
    }

    static Stream<Arguments> pythonFixed() {
        return Stream.of(
                Arguments.of(0.125, 2, "0.12"),
                Arguments.of(0.375, 2, "0.38"),
                Arguments.of(2.675, 2, "2.67"),
                Arguments.of(1.005, 2, "1.00"),
                Arguments.of(0.5, 0, "0"),
                Arguments.of(1.5, 0, "2"),
                Arguments.of(2.5, 0, "2"),
                Arguments.of(-0.125, 2, "-0.12"),
                Arguments.of(0.045, 2, "0.04"),
                Arguments.of(1e+22, 1, "10000000000000000000000.0"),
                Arguments.of(-0.001, 2, "-0.00"),
                Arguments.of(-0.0, 2, "-0.00"));
    }

    @ParameterizedTest
    @MethodSource("pythonFixed")
    void fixedRoundsTheExactBinaryValueHalfEvenLikePrintf(double value, int decimals, String python) {
        assertThat(ValueFormat.fixed(value, decimals)).isEqualTo(python);
    }

    static Stream<Arguments> pythonScientific() {
        return Stream.of(
                Arguments.of(0.125, 1, "1.2e-01"),
                Arguments.of(0.375, 1, "3.8e-01"),
                Arguments.of(1.5, 0, "2e+00"),
                Arguments.of(2.5, 0, "2e+00"),
                Arguments.of(9.5, 0, "1e+01"),
                Arguments.of(1234.5, 3, "1.234e+03"),
                Arguments.of(1.25e-07, 1, "1.2e-07"),
                Arguments.of(-1.25e-07, 1, "-1.2e-07"),
                Arguments.of(9.95, 1, "9.9e+00"),
                Arguments.of(9.85, 1, "9.8e+00"));
    }

    @ParameterizedTest
    @MethodSource("pythonScientific")
    void scientificRoundsHalfEvenAndRenormalisesTheMantissa(double value, int decimals, String python) {
        assertThat(ValueFormat.scientific(value, decimals)).isEqualTo(python);
    }

    @Test
    void javaStringFormatWouldGetTheTiesWrong() {
        // Documents why ValueFormat exists: if Java ever rounds like printf, this fails and says so.
        assertThat(String.format("%.6f", 100.0078125)).isNotEqualTo(ValueFormat.real(100.0078125));
    }

    @Test
    void integersArePlainWhateverTheirBox() {
        assertThat(ValueFormat.format(60L)).isEqualTo("60");
        assertThat(ValueFormat.format(-1)).isEqualTo("-1");
        assertThat(ValueFormat.format((short) 7)).isEqualTo("7");
        assertThat(ValueFormat.format(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(ValueFormat.integer(1000L)).isEqualTo("1000");
    }

    @Test
    void doublesAndFloatsAreFormattedAsReals() {
        assertThat(ValueFormat.format(1000.0)).isEqualTo("1.000e+03");
        assertThat(ValueFormat.format(0.5f)).isEqualTo("0.500000");
    }

    @Test
    void nonNumbersAreRejectedWithTheirType() {
        assertThatThrownBy(() -> ValueFormat.format("1.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String");
        assertThatThrownBy(() -> ValueFormat.format(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
