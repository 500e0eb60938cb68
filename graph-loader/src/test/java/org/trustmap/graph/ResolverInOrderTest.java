package org.trustmap.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Items made on every core, block by block, reach the sink in the positions' order, as one loop would hand them. */
class ResolverInOrderTest {
    @Test
    void itemsComeInThePositionsOrderAcrossBlocksWithNoneAndSeveralPerPosition() {
        int n = 50_003; // several blocks and a partial last one
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.addAll(made(i));
        }
        List<String> got = new ArrayList<>();
        Resolver.inOrder(n, ResolverInOrderTest::made, got::add);
        assertThat(got).hasSize(expected.size()).isEqualTo(expected);
    }

    @Test
    void nothingToMakeHandsNothingOver() {
        List<String> got = new ArrayList<>();
        Resolver.inOrder(0, i -> List.of("x"), got::add);
        assertThat(got).isEmpty();
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
