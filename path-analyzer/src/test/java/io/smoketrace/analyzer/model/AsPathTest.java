package io.smoketrace.analyzer.model;

import static io.smoketrace.analyzer.model.AsPath.GAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsPathTest {

    @Test
    void consecutiveEqualAsesAndGapsCollapse() {
        AsPath path = AsPath.of(List.of(GAP, 64500L, 64500L, GAP, GAP, 64501L, 64501L, 64510L));
        assertThat(path.elements()).containsExactly(GAP, 64500L, GAP, 64501L, 64510L);
        assertThat(path.asns()).containsExactly(64500L, 64501L, 64510L);
        assertThat(path.text()).isEqualTo("64500 64501 64510");
        assertThat(path.length()).isEqualTo(3);
    }

    @Test
    void aGapInsideOneAsHidesNothing() {
        assertThat(AsPath.of(List.of(64500L, GAP, 64500L, 64501L)).elements()).containsExactly(64500L, 64501L);
    }

    @Test
    void gapsMayHideAsesButNothingElseMay() {
        AsPath full = AsPath.of(List.of(64500L, 64501L, 64510L));
        assertThat(AsPath.of(List.of(64500L, GAP, 64510L)).compatibleWith(full)).isTrue();
        assertThat(full.compatibleWith(AsPath.of(List.of(64500L, GAP, 64510L)))).isTrue();
        assertThat(AsPath.of(List.of(GAP, 64501L, 64510L)).compatibleWith(full)).isTrue();
        assertThat(AsPath.of(List.of(64500L, GAP)).compatibleWith(full)).isTrue();
        assertThat(AsPath.of(List.of(64500L, GAP, 64510L)).compatibleWith(AsPath.of(List.of(64500L, 64502L, 64503L, 64510L)))).isTrue();

        assertThat(AsPath.of(List.of(64500L, 64510L)).compatibleWith(full)).isFalse();
        assertThat(AsPath.of(List.of(64500L, 64502L, 64510L)).compatibleWith(full)).isFalse();
        assertThat(AsPath.of(List.of(64500L, 64502L, GAP)).compatibleWith(AsPath.of(List.of(64500L, 64501L, GAP)))).isFalse();
        assertThat(AsPath.EMPTY.compatibleWith(AsPath.EMPTY)).isTrue();
        assertThat(AsPath.EMPTY.compatibleWith(full)).isFalse();
    }
}
