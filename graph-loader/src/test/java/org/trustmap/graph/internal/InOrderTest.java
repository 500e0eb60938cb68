package org.trustmap.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Items made on every core, block by block, reach the sink in the positions' order, as one loop would hand them. */
class InOrderTest {
    @Test
    void itemsComeInThePositionsOrderAcrossBlocksWithNoneAndSeveralPerPosition() {
        int n = 50_003; // several blocks of each size below and a partial last one
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.addAll(made(i));
        }
        for (int block : new int[] {1, 7, 8_192, n + 1}) {
            List<String> got = new ArrayList<>();
            InOrder.each(n, block, InOrderTest::made, got::add);
            assertThat(got).as("block " + block).hasSize(expected.size()).isEqualTo(expected);
        }
    }

    @Test
    void nothingToMakeHandsNothingOverAndABlockMustHoldAPosition() {
        List<String> got = new ArrayList<>();
        InOrder.each(0, 8, i -> List.of("x"), got::add);
        assertThat(got).isEmpty();
        assertThatThrownBy(() -> InOrder.each(3, 0, i -> List.of("x"), got::add))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** None, one or two items a position, depending on it. */
    private static List<String> made(int i) {
        return switch (i % 3) {
            case 0 -> List.of();
            case 1 -> List.of("a" + i);
            default -> List.of("b" + i, "c" + i);
        };
    }
}
