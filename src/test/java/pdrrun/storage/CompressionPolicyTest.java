package pdrrun.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompressionPolicyTest {
    private final CompressionPolicy policy = CompressionPolicy.of("TEXTOUT*", "*.out");

    @Test
    void globsMatchTheFileNameOnly() {
        assertThat(policy.matches("TEXTOUT100_30_-10_10_00")).isTrue();
        assertThat(policy.matches("grid_a/pdrgrid/TEXTOUT7")).isTrue();
        assertThat(policy.matches("chemchk7.out")).isTrue();
        assertThat(policy.matches("pdr7.hdf")).isFalse();
        assertThat(policy.matches("TEXTOUT_old/pdrstruct7.hdf5")).isFalse();
        assertThat(policy.matches("ONION7.linebt_CO.out.bak")).isFalse();
        assertThat(policy.matches("")).isFalse();
    }

    @Test
    void globSyntaxIsJavaNio() {
        CompressionPolicy braces = CompressionPolicy.of("{jerg,jtemp}_*.sml?");
        assertThat(braces.matches("jerg_CO.smli")).isTrue();
        assertThat(braces.matches("jtemp_CO.smlc")).isTrue();
        assertThat(braces.matches("linebt_CO.out")).isFalse();
    }

    @Test
    void noneCompressesNothing() {
        assertThat(CompressionPolicy.none().matches("TEXTOUT1")).isFalse();
        assertThat(CompressionPolicy.none().patterns()).isEmpty();
    }

    @Test
    void malformedGlobsAreRejectedNamingThem() {
        assertThatThrownBy(() -> CompressionPolicy.of("TEXTOUT[")).hasMessageContaining("'TEXTOUT['");
        assertThatThrownBy(() -> CompressionPolicy.of("pdrgrid/*.out")).hasMessageContaining("'pdrgrid/*.out'");
        assertThatThrownBy(() -> CompressionPolicy.of(" ")).hasMessageContaining("storage.compress_files");
    }

    @Test
    void patternsAreCopied() {
        List<String> globs = new ArrayList<>(List.of("*.out"));
        CompressionPolicy copied = new CompressionPolicy(globs);
        globs.add("TEXTOUT*");
        assertThat(copied.matches("TEXTOUT1")).isFalse();
        assertThat(copied).isEqualTo(CompressionPolicy.of("*.out"));
    }
}
